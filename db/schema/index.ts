import 'server-only';

export * from './accounts';
export * from './audit';
export * from './children';
export * from './mail';
export * from './rate-limits';
export * from './messaging';
export * from './records';
export * from './integrations';
export * from './help-desk';
export * from './requests';
