import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PipelineEvent } from '#core/pipeline-events.ts';
import type { PipelineEvents } from '#core/ports.ts';

/** Pipeline events on an EventBridge bus; the endpoint comes from AWS_ENDPOINT_URL_EVENTBRIDGE locally. */
export class EventBridgePipelineEvents implements PipelineEvents {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(event: PipelineEvent<unknown>): Promise<void> {
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.busName,
            Source: event.source,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    if (result.FailedEntryCount) {
      throw new Error(
        `EventBridge refused ${event.detailType}: ${result.Entries?.[0]?.ErrorCode} ${result.Entries?.[0]?.ErrorMessage}`,
      );
    }
  }
}
