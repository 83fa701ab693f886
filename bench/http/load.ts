import autocannon, { Request } from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Status codes seen, and the first bad answer, so a failing path says why. */
  statusCodes: Record<string, number>;
  firstBad?: string;
}

/** One autocannon run: `connections` keep-alive connections for `duration` seconds. */
export async function load(url: string, requests: Request[], connections: number, duration: number): Promise<LoadResult> {
  let firstBad: string | undefined;
  let graphqlErrors = 0;
  const watched = requests.map((r) => ({
    ...r,
    onResponse: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => {
      r.onResponse?.(status, body, context, headers);
      if (context.graphqlError) {
        graphqlErrors++;
        firstBad ??= `200 with errors: ${String(context.graphqlError).slice(0, 300)}`;
        delete context.graphqlError;
      } else if ((status < 200 || status > 299) && !firstBad) {
        firstBad = `${status}: ${body.slice(0, 300)}`;
      }
    },
  }));
  const result = await autocannon({ url, connections, duration, timeout: 10, requests: watched });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + graphqlErrors,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    firstBad,
  };
}
