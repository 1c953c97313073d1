using Kolosseum.Buildout;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Tests.Buildout;

/// <summary>Hand-made build-out models for tests: fixed or three-point phases, with or without a ramp.</summary>
internal static class Models
{
    public static readonly DateOnly Start = new(2024, 7, 10);

    public static PhaseSpec Phase(string name, double days, params string[] after) =>
        Phase(name, DurationEstimate.Fixed(Duration.FromDays(days)), after);

    public static PhaseSpec Phase(string name, DurationEstimate duration, params string[] after) =>
        new() { Name = name, Duration = duration, After = after, Source = "test" };

    public static DurationEstimate Days(double min, double mode, double max) =>
        new(Duration.FromDays(min), Duration.FromDays(mode), Duration.FromDays(max));

    public static RampSpec Ramp(string[] deliveriesAfter, string[] installAfter, CountRate delivery, CountRate install, double burnInDays, double acceptanceDays = 0) => new()
    {
        DeliveriesAfter = deliveriesAfter, InstallAfter = installAfter,
        DeliveryRate = RateEstimate.Fixed(delivery), InstallRate = RateEstimate.Fixed(install),
        BurnIn = DurationEstimate.Fixed(Duration.FromDays(burnInDays)), Acceptance = DurationEstimate.Fixed(Duration.FromDays(acceptanceDays)),
        DeliveryRateSource = "test", InstallRateSource = "test", BurnInSource = "test",
    };

    public static BuildoutModel Model(IReadOnlyList<PhaseSpec> phases, RampSpec? ramp = null, long gpus = 1024, long? first = null) => new()
    {
        Preset = "test", Description = "test", Ownership = Ownership.Owned, Start = Start, Gpus = gpus, GpusPerServer = 8,
        FirstTrainingGpus = first ?? gpus, Phases = phases, Ramp = ramp,
    };

    public static BuildoutModel Preset(string id, long gpus) =>
        BuildoutModel.FromPreset(Kolosseum.Catalog.Catalog.Embedded.Get<BuildoutPreset>(id), gpus, 8);

    public static BuildoutResult Run(BuildoutModel model, int trials = 1, ulong seed = 1, int threads = -1) =>
        BuildoutSimulator.Run(model, new BuildoutRunOptions { Trials = trials, Seed = seed, MaxDegreeOfParallelism = threads });
}
