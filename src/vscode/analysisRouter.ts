import { AnalysisClient, ANALYSIS_MIN_INTERVAL_MS } from '../core/analysis/analysisClient';
import type { LiveAnalysisPort } from '../core/chat/chatTypes';
import type { Logger } from '../core/ports';
import type { AnalysisSnapshot } from '../shared/protocol';
import type { ConfigService } from './config';
import { Disposable } from './disposable';
import type { InsightsSource, InsightsViewProvider } from './insightsView';

export interface AnalysisRouterDeps {
  /** `dist/analysisWorker.js`, resolved against the extension. */
  workerPath: string;
  config: ConfigService;
  insights: InsightsViewProvider;
  logger: Logger;
}

/**
 * Live analysis, shared by every surface: one worker thread (started on the first stream), and
 * each stream's snapshots routed to the surface that asked, with the Insights view told when a
 * stream begins and how it ended.
 */
export class AnalysisRouter extends Disposable {
  readonly client: AnalysisClient;
  private readonly routes = new Map<string, (snapshot: AnalysisSnapshot) => void>();

  constructor(private readonly deps: AnalysisRouterDeps) {
    super();
    this.client = new AnalysisClient({
      workerPath: deps.workerPath,
      threshold: deps.config.value.analysis.threshold,
      minChunkIntervalMs: ANALYSIS_MIN_INTERVAL_MS,
      onSnapshot: (snapshot) => this.routes.get(snapshot.streamId)?.(snapshot),
      logger: deps.logger,
    });
    this.register({ dispose: () => void this.client.dispose() });
    this.register(deps.config.onDidChange((value) => this.client.setThreshold(value.analysis.threshold)));
  }

  /** The analysis port of one surface; `route` receives its streams' snapshots. */
  portFor(source: InsightsSource, route: (snapshot: AnalysisSnapshot) => void): LiveAnalysisPort {
    const { insights } = this.deps;
    return {
      begin: (streamId) => {
        this.routes.set(streamId, route);
        insights.beginLive(source, streamId);
        this.client.begin(streamId);
      },
      push: (streamId, delta) => this.client.push(streamId, delta),
      end: (streamId, outcome) => {
        // Before the final snapshot arrives, so a stopped answer is never shown as finished.
        if (outcome) insights.endLive(streamId, outcome);
        return this.client.end(streamId).finally(() => this.routes.delete(streamId));
      },
    };
  }
}
