import type { ClaudeStreamConfig } from '../core/config';
import type { Listen } from '../core/events';
import type { Logger } from '../core/ports';
import { processMemoryReader, ResourceManager, type Pausable, type PressureState, type Trimmable } from '../core/resources/resourceManager';
import { Disposable } from './disposable';

/** What the monitor watches and relieves. */
export interface ResourceMonitorDeps {
  config(): ClaudeStreamConfig;
  logger: Logger;
  /** Streaming status of each surface, by name (chat, inline). */
  sources: ReadonlyArray<{ name: string; onDidChangeStatus: Listen<{ streaming: boolean }> }>;
  trimmables: readonly Trimmable[];
  analysis: Pausable;
  /** Told when pressure starts or ends, e.g. to show a note in the status bar. */
  onPressure?(state: PressureState): void;
}

/**
 * The shell side of the ResourceManager: samples memory only while a surface streams, with the
 * limit from `claudeStream.resources.memoryLimitMB`. The baseline is the host's heap at
 * activation, so the limit applies to what grew after this extension started (the extension
 * host is shared with other extensions; its whole heap is not ours to budget).
 */
export class ResourceMonitor extends Disposable {
  readonly manager: ResourceManager;

  constructor(deps: ResourceMonitorDeps, baselineBytes: number) {
    super();
    this.manager = new ResourceManager({
      limitMB: () => deps.config().resources.memoryLimitMB,
      readMemory: processMemoryReader(baselineBytes),
      trimmables: deps.trimmables,
      analysis: deps.analysis,
      logger: deps.logger,
    });
    this.register(this.manager);
    if (deps.onPressure) this.register(this.manager.onDidChangePressure(deps.onPressure));
    for (const source of deps.sources) {
      this.register(source.onDidChangeStatus((status) => this.manager.setStreaming(source.name, status.streaming)));
    }
  }
}
