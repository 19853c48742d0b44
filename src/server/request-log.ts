import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One log line per request when it ends, instead of Fastify's two (which log the full URL with its query string
 * and the client's address: personal data in the log). The line carries the method, the route pattern (never
 * the URL as sent, so no path or query values), the status and the time; the request id comes from the child
 * logger's bindings and is the id the error body and the `x-request-id` header carry.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  /** The completion line covers unknown routes (route null, status 404). */
  override routeNotFound(): void {}

  /** The app's error handler logs what it turns into a 5xx; 4xx are ordinary answers. */
  override defaultErrorLog(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
