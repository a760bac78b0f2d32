"use client";

import { FOUNDATIONAL_REQUIREMENTS } from "@assure/shared";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SlSeries {
  name: string;
  levels: readonly number[];
  color: string;
}

/** Security levels per foundational requirement as grouped bars (SL-C, and SL-T when comparing). */
export function SlChart({ series, title }: { series: SlSeries[]; title: string }) {
  const data = FOUNDATIONAL_REQUIREMENTS.map((fr, i) => ({
    fr: `FR${fr.fr} ${fr.code}`,
    ...Object.fromEntries(series.map((s) => [s.name, s.levels[i] ?? 0])),
  }));
  return (
    <figure aria-label={title} className="w-full">
      <div className="h-64 w-full" data-testid="sl-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="fr" tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 4]} ticks={[0, 1, 2, 3, 4]} allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {series.map((s) => (
              <Bar
                key={s.name}
                dataKey={s.name}
                fill={s.color}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {title}:{" "}
        {series
          .map(
            (s) =>
              `${s.name} ${FOUNDATIONAL_REQUIREMENTS.map((fr, i) => `FR${fr.fr} ${s.levels[i]}`).join(", ")}`,
          )
          .join("; ")}
      </figcaption>
    </figure>
  );
}
