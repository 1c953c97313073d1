using Kolosseum.Performance;

namespace Kolosseum.Validation;

/// <summary>Prediction for one published row; <see cref="Reason"/> says why a row could not be predicted.</summary>
public sealed record ValidationRow
{
    public required string Id { get; init; }
    public required RunMetric Metric { get; init; }

    /// <summary>Whether the row's model is a mixture of experts (validate reports dense and MoE rows apart).</summary>
    public bool Moe { get; init; }

    public required double Measured { get; init; }
    public double? Predicted { get; init; }

    /// <summary>(predicted − measured) / measured.</summary>
    public double? RelativeError => Predicted is { } p ? (p - Measured) / Measured : null;

    /// <summary>Whether unreported layout cells were searched (the fastest valid choice).</summary>
    public required bool Searched { get; init; }

    public IReadOnlyList<string> SearchedFields { get; init; } = [];
    public Layout? Layout { get; init; }
    public AttentionKernel? Attention { get; init; }
    public StepEstimate? Estimate { get; init; }
    public string? Reason { get; init; }
    public string? Note { get; init; }
}

/// <summary>Mean and max absolute relative error of one group of metrics.</summary>
public sealed record ValidationSummary(string Group, int Count, int Unpredicted, double MeanAbsRelativeError, double MaxAbsRelativeError);
