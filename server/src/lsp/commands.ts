export { COMMANDS } from './commandIds';
