using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Buildout;

/// <summary>Reads a <c>phases:</c> mapping (phase name → phase) and a <c>ramp:</c> mapping.</summary>
internal static class PhaseReader
{
    public const int MaxPhases = 100;

    /// <summary>
    /// Phases in the order written. <paramref name="relPath"/> is the path of the mapping inside its
    /// catalog entry ("phases"), used to find each number's source.
    /// </summary>
    public static IReadOnlyList<PhaseSpec>? Phases(FieldReader phases, string relPath, SourceLookup sources)
    {
        var result = new List<PhaseSpec>();
        bool ok = true;
        var entries = phases.Mapping.Entries;
        if (entries.Count > MaxPhases)
        {
            phases.Diagnostics.Error(DiagnosticCodes.LimitExceeded, entries[MaxPhases].Key.Location, phases.Path, null,
                $"more than {MaxPhases.Inv()} phases", "group small steps into larger phases");
            phases.Accept([.. entries.Select(e => e.Key.Value)]);
            return null;
        }
        foreach (var entry in entries)
        {
            string name = entry.Key.Value;
            phases.Accept(name);
            var p = FieldReader.Of(entry.Value, phases.FieldPath(name), phases.Diagnostics, phases.ReportMissing);
            if (p is null)
            {
                ok = false;
                continue;
            }
            string? what = p.String("what");
            string? phaseSource = p.String("source");
            // A phase replaced by a scenario's catalog override has a source of its own at the phase level;
            // the sources of the replaced phase's fields no longer apply.
            string? replaced = sources.ByField($"{relPath}.{name}");
            var lookup = replaced is null ? sources : new SourceLookup(_ => null, phaseSource ?? replaced);
            var duration = BuildoutFields.Duration(p, "duration", required: true, $"{relPath}.{name}.duration", lookup, phaseSource, out string source);
            var after = BuildoutFields.Names(p, "after");
            var tail = BuildoutFields.Tail(p);
            bool tailBad = p.Has("tail") && tail is null;
            p.Finish();
            if (duration is null || (p.Has("after") && after is null) || tailBad)
            {
                ok = false;
                continue;
            }
            result.Add(new PhaseSpec
            {
                Name = name, What = what, Duration = duration.Value, Tail = tail, Source = source, Location = entry.Key.Location,
                After = after?.Names ?? [], AfterLocations = after?.Locations ?? [],
            });
        }
        return ok ? result : null;
    }

    /// <summary>A ramp; fields that are absent come from <paramref name="baseRamp"/> (a preset's), if any.</summary>
    public static RampSpec? Ramp(FieldReader r, RampSpec? baseRamp, string relPath, SourceLookup sources)
    {
        var deliveriesAfter = BuildoutFields.Names(r, "deliveries_after");
        var installAfter = BuildoutFields.Names(r, "install_after");
        bool listsBad = (r.Has("deliveries_after") && deliveriesAfter is null) || (r.Has("install_after") && installAfter is null);

        RateEstimate? delivery = baseRamp?.DeliveryRate, install = baseRamp?.InstallRate;
        DurationEstimate? burnIn = baseRamp?.BurnIn, acceptance = baseRamp?.Acceptance ?? DurationEstimate.Zero;
        string deliverySource = baseRamp?.DeliveryRateSource ?? "", installSource = baseRamp?.InstallRateSource ?? "";
        string burnInSource = baseRamp?.BurnInSource ?? "", acceptanceSource = baseRamp?.AcceptanceSource ?? "";
        bool required = baseRamp is null;
        bool bad = false;
        if (r.Has("delivery_rate") || required)
        {
            delivery = BuildoutFields.Rate(r, "delivery_rate", required: true, $"{relPath}.delivery_rate", sources, out deliverySource);
            bad |= delivery is null;
        }
        if (r.Has("install_rate") || required)
        {
            install = BuildoutFields.Rate(r, "install_rate", required: true, $"{relPath}.install_rate", sources, out installSource);
            bad |= install is null;
        }
        if (r.Has("burn_in") || required)
        {
            burnIn = BuildoutFields.Duration(r, "burn_in", required: true, $"{relPath}.burn_in", sources, null, out burnInSource);
            bad |= burnIn is null;
        }
        if (r.Has("acceptance"))
        {
            acceptance = BuildoutFields.Duration(r, "acceptance", required: true, $"{relPath}.acceptance", sources, null, out acceptanceSource);
            bad |= acceptance is null;
        }
        if (bad || listsBad || delivery is null || install is null || burnIn is null || acceptance is null) return null;
        return new RampSpec
        {
            DeliveriesAfter = deliveriesAfter?.Names ?? baseRamp?.DeliveriesAfter ?? [],
            InstallAfter = installAfter?.Names ?? baseRamp?.InstallAfter ?? [],
            DeliveriesAfterLocation = deliveriesAfter?.At ?? baseRamp?.DeliveriesAfterLocation ?? r.Location,
            InstallAfterLocation = installAfter?.At ?? baseRamp?.InstallAfterLocation ?? r.Location,
            DeliveryRate = delivery.Value, InstallRate = install.Value, BurnIn = burnIn.Value, Acceptance = acceptance.Value,
            DeliveryRateSource = deliverySource, InstallRateSource = installSource, BurnInSource = burnInSource,
            AcceptanceSource = acceptance.Value.Max.Seconds == 0 && acceptanceSource.Length == 0 ? "none: the burn-in soak is the acceptance test" : acceptanceSource,
        };
    }
}
