using Kolosseum.Diagnostics;

namespace Kolosseum.Sweeps;

/// <summary>How a sweep combines its axes: every combination, or the i-th value of every axis together.</summary>
public enum SweepCombine
{
    Product,
    Zip,
}

/// <summary>One value of an axis, as it goes into the scenario, and where the sweep file wrote it (or its range).</summary>
public sealed record AxisValue(string Text, bool IsPlain, SourceLocation Location);

/// <summary>
/// What an axis changes. A scenario path (<c>options[1].gpus</c>) rewrites that value of the base scenario before
/// it is loaded, so every scenario rule checks it; a plan knob changes how the loaded scenario is planned and has no
/// key in a scenario file (docs/sweeps.md, "Axes").
/// </summary>
public enum AxisKind
{
    ScenarioPath,
    FailureRateScale,
    RestartScale,
    Seed,
}

/// <summary>One step of a scenario path: a mapping key, and a list index after it (<c>options[1]</c>) when given.</summary>
public readonly record struct PathStep(string Key, int? Index);

/// <summary>One axis: the path it varies, the values in order, and where it was written.</summary>
public sealed record SweepAxis(string Path, AxisKind Kind, IReadOnlyList<PathStep> Steps, IReadOnlyList<AxisValue> Values, SourceLocation Location)
{
    /// <summary>The Parquet column of this axis's value as written (the path itself; DuckDB quotes it: "options[1].gpus").</summary>
    public string Column => Path;
}

/// <summary>A parsed sweep file: the base scenario (text and name), the axes, and how each point is planned.</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }

    /// <summary>The sweep file's path, for diagnostics.</summary>
    public required string File { get; init; }

    /// <summary>The base scenario's path as resolved (relative to the sweep file), or <c>&lt;default&gt;</c>.</summary>
    public required string ScenarioFile { get; init; }
    public required string ScenarioText { get; init; }
    public required SweepCombine Combine { get; init; }
    public required IReadOnlyList<SweepAxis> Axes { get; init; }

    /// <summary>The plan seed of every point (null: the scenario's); a <c>seed</c> axis overrides it per point.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Monte-Carlo trials of each point's plan.</summary>
    public required int Trials { get; init; }

    /// <summary>Run the reliability what-if table at every point (off by default: it multiplies the simulations).</summary>
    public required bool WhatIf { get; init; }

    /// <summary>A hash of the sweep file and the base scenario: shards of one sweep carry the same one, so merge can tell sweeps apart.</summary>
    public required string Hash { get; init; }

    /// <summary>How many points the sweep has.</summary>
    public long Points => Combine == SweepCombine.Zip
        ? Axes.Count == 0 ? 0 : Axes[0].Values.Count
        : Axes.Aggregate(1L, (n, a) => n * a.Values.Count);

    /// <summary>The value index of each axis at point <paramref name="k"/>: product order is row-major (the last axis varies fastest).</summary>
    public int[] ValueIndices(long k)
    {
        var idx = new int[Axes.Count];
        if (Combine == SweepCombine.Zip)
        {
            Array.Fill(idx, (int)k);
            return idx;
        }
        for (int a = Axes.Count - 1; a >= 0; a--)
        {
            int n = Axes[a].Values.Count;
            idx[a] = (int)(k % n);
            k /= n;
        }
        return idx;
    }

    /// <summary>Default trials per point: P50/P90 days to well under 1 % at the default scenario's sizes, at a fifth of the plan's 1,000.</summary>
    public const int DefaultTrials = 200;

    /// <summary>The most points a sweep may have (each is a plan; a million of them is days of work on one machine).</summary>
    public const long MaxPoints = 1_000_000;
}
