/**
 * How long the CDSi engine takes for one child's full 18-year history: every routine childhood
 * and adolescent dose (39 shots, combination vaccines among them, and a yearly flu shot), every
 * vaccine group the portal shows, evaluated and forecast at 18 years.
 *
 *   npm run bench:cdsi [-- iterations]
 *
 * Target (issue 25): at most 1 ms on average, so the child summary page does not get slower.
 */
import { performance } from 'node:perf_hooks';

import { addText, fromDay, toDay } from '../lib/cdsi/dates';
import { cdsiForecast, type CdsiInput } from '../lib/cdsi/index';

const dateOfBirth = '2007-03-14';
const at = (age: string) => fromDay(addText(toDay(dateOfBirth), age)!);

const routine: [string, string][] = [
  ['0 days', '08'], // HepB
  ['2 months', '110'], // DTaP-HepB-IPV
  ['2 months', '49'], // Hib PRP-OMP
  ['2 months', '133'], // PCV13
  ['2 months', '116'], // Rotavirus pentavalent
  ['4 months', '110'],
  ['4 months', '49'],
  ['4 months', '133'],
  ['4 months', '116'],
  ['6 months', '110'],
  ['6 months', '133'],
  ['6 months', '116'],
  ['12 months', '03'], // MMR
  ['12 months', '21'], // varicella
  ['12 months', '83'], // HepA
  ['12 months', '133'],
  ['15 months', '49'],
  ['15 months', '20'], // DTaP
  ['18 months', '83'],
  ['4 years', '130'], // DTaP-IPV
  ['4 years', '94'], // MMRV
  ['11 years', '115'], // Tdap
  ['11 years', '165'], // HPV
  ['11 years', '114'], // MenACWY
  ['12 years', '165'],
  ['16 years', '114'],
];
// A flu shot each autumn from 6 months.
for (let year = 0; year < 18; year++) routine.push([`${year} years + 7 months`, '141']);

const input: CdsiInput = {
  dateOfBirth,
  gender: 'F',
  assessmentDate: at('18 years'),
  doses: routine.map(([age, cvx]) => ({
    cvx,
    administeredOn: at(age),
  })),
};

const iterations = Number(process.argv[2] ?? 2000);
for (let i = 0; i < 200; i++) cdsiForecast(input); // warm the JIT and the parsed-age cache
// CPU time as well as wall time: on a shared machine the wall clock also counts other work.
const cpuStart = process.cpuUsage();
const start = performance.now();
for (let i = 0; i < iterations; i++) cdsiForecast(input);
const wall = (performance.now() - start) / iterations;
const cpuUsed = process.cpuUsage(cpuStart);
const cpu = (cpuUsed.user + cpuUsed.system) / 1000 / iterations;
const result = cdsiForecast(input);
console.log(
  `CDSi evaluation and forecast of one child's 18-year history (${input.doses.length} doses, ` +
    `${result.length} vaccine groups), average of ${iterations} runs: ${cpu.toFixed(3)} ms CPU, ` +
    `${wall.toFixed(3)} ms wall (target 1 ms) ${cpu <= 1 ? 'OK' : 'TOO SLOW'}`,
);
