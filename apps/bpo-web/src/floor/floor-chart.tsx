import { Component, type ReactNode, Suspense, lazy, memo } from "react";
import type { FloorSummary } from "./floor-types";

// chart.js is most of the bundle and only this page draws with it: fetched when the Floor first shows a chart.
const FloorChartCanvas = lazy(() => import("./floor-chart-canvas"));

/** A chunk that fails to load (network, a deploy that removed it) costs the chart, not the whole page. */
class ChartLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <p className="floor-chart__loading uk-muted">The chart could not be loaded. Reload the page to try again.</p> : this.props.children;
  }
}

/**
 * Waiting leads at the end of each hour today (line) and claims in that hour (bars). Memo: a live event patches
 * the counts, not the chart, so only a refetch (a new `chart`) redraws it.
 */
export const FloorChart = memo(function FloorChart({ chart }: { chart: FloorSummary["chart"] }) {
  return (
    <figure className="floor-chart">
      {/* The placeholder sits in the chart's fixed-height box, so the page does not move when the chart arrives. */}
      <div className="floor-chart__canvas">
        <ChartLoadBoundary>
          <Suspense fallback={<p className="floor-chart__loading uk-muted">Loading the chart…</p>}>
            <FloorChartCanvas chart={chart} />
          </Suspense>
        </ChartLoadBoundary>
      </div>
      <figcaption className="uk-muted">
        Hours of today in the business time zone. Waiting is worked back from the pool now, hour by hour (new leads in, claims out).
      </figcaption>
    </figure>
  );
});
