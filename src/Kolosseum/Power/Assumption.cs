namespace Kolosseum.Power;

/// <summary>One input a result rests on, echoed next to it: its name, its value as used, and where it came from.</summary>
public sealed record Assumption(string Key, string Value, string Source);
