/** A state file this program cannot use; the message names the file, why, and what to do, for the CLI to print. */
export class StateFileError extends Error {}
