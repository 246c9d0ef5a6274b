// The mock's state as a whole: which backend holds it (memory, or an SQLite file), seeding each API the
// first time, resets, and the replies that did not match the spec (kept with the state, so every worker
// of --workers answers GET /__userapi/violations with all of them).
import { randomUUID } from 'node:crypto';
import type { ApiId } from '../../specs/apis.ts';
import type { MockOptions } from '../defaults.ts';
import type { SeedName } from '../module.ts';
import type { ApiPipeline } from '../pipeline.ts';
import { MemoryBackend, SEEDED, type StateBackend, type Store } from '../store.ts';
import { openStateFile } from './open.ts';
import { SqliteBackend } from './sqlite-store.ts';

export interface ResponseViolation {
  api: ApiId;
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  problems: string;
}

/** The store of the mock's own records (not an API's). */
const MOCK_STORE = '_mock';
const VIOLATIONS = 'violations';

export class MockState {
  readonly backend: StateBackend;
  /** What the user should know of the state file (created, converted), for the CLI to print. */
  readonly notices: readonly string[];
  private readonly options: MockOptions;

  /** Opens the state the options name: memory, or a state file (checked, unless a primary did it). */
  static async open(options: MockOptions): Promise<MockState> {
    if (options.stateFile === undefined) return new MockState(new MemoryBackend(), [], options);
    const { database, notices } = openStateFile(options.stateFile, { durable: options.worker?.durable ?? true, verify: options.worker === undefined });
    const state = new MockState(new SqliteBackend(database), notices, options);
    // A single mock or the primary of --workers starts the list afresh; a worker joins the primary's.
    if (options.worker === undefined) {
      try {
        await state.forgetViolations();
      } catch (error) {
        state.close();
        throw error;
      }
    }
    return state;
  }

  private constructor(backend: StateBackend, notices: string[], options: MockOptions) {
    this.backend = backend;
    this.notices = notices;
    this.options = options;
  }

  /** Seeds each API a state file does not hold yet (all of them in memory), each in one transaction. */
  async seedNew(pipelines: readonly ApiPipeline[]): Promise<void> {
    for (const pipeline of pipelines) {
      await this.backend.write([pipeline.module.id], async (storeOf) => {
        const store = storeOf(pipeline.module.id);
        if (!store.collection(SEEDED.collection).has(SEEDED.key)) await this.seed(pipeline, store, this.options.seed);
      });
    }
  }

  /** Back to a seed, every API given in one transaction: no write lands between the clear and the seed. */
  async reset(pipelines: readonly ApiPipeline[], seed: SeedName): Promise<void> {
    await this.backend.write(
      pipelines.map((pipeline) => pipeline.module.id),
      async (storeOf) => {
        for (const pipeline of pipelines) {
          const store = storeOf(pipeline.module.id);
          store.clear();
          await this.seed(pipeline, store, seed);
        }
      },
    );
  }

  async recordViolation(violation: ResponseViolation): Promise<void> {
    await this.backend.write([MOCK_STORE], async (storeOf) => storeOf(MOCK_STORE).collection<ResponseViolation>(VIOLATIONS).set(randomUUID(), violation));
  }

  violations(): ResponseViolation[] {
    return [...this.backend.store(MOCK_STORE).collection<ResponseViolation>(VIOLATIONS).values()];
  }

  close(): void {
    this.backend.close();
  }

  private async seed(pipeline: ApiPipeline, store: Store, seed: SeedName): Promise<void> {
    await pipeline.module.seed(pipeline.stateFor(store), seed, this.options.settings);
    store.collection(SEEDED.collection).set(SEEDED.key, seed);
  }

  private forgetViolations(): Promise<void> {
    return this.backend.write([MOCK_STORE], async (storeOf) => storeOf(MOCK_STORE).clear());
  }
}
