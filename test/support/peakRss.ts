import * as fs from 'fs';

/**
 * Preloaded (`node -r`) into a process whose peak memory a bounded test reports: at exit it writes
 * its maximum resident set size, in kilobytes, to the file REFERAT_PEAK_FILE names.
 */
const target = process.env.REFERAT_PEAK_FILE;
if (target) process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
