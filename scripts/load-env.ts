import nextEnv from '@next/env';

// Scripts read .env, .env.local, … exactly as `next dev` and `next start` do, so a setting
// means the same thing to the server and to the commands around it.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
