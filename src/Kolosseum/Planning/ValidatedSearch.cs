namespace Kolosseum.Planning;

/// <summary>
/// How the plan treats the validated published runs (<c>search.validated</c>; Validation/ValidatedEnvelope.cs).
/// A layout counts as inside when its parallel degrees and combinations are: the cluster's GPU count is the
/// plan's question, not a layout choice, and the validity note says when it lies beyond every validated run.
/// </summary>
public enum ValidatedSearch
{
    /// <summary>Search every layout, and search again inside the validated runs to show that best beside the chosen one.</summary>
    Beside,

    /// <summary>Search only layouts whose features all lie inside the validated runs (as <c>search --validated-only</c>).</summary>
    Only,

    /// <summary>Search every layout and show only its validity note.</summary>
    Off,
}
