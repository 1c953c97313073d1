using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>The values of the inputs the page moves, as the loaded scenario (overrides included) resolved them, in the units the request uses.</summary>
internal static class PageInputs
{
    public static object Of(Scenario scenario)
    {
        var economics = scenario.Sections.Get<EconomicsSettings>();
        var power = scenario.Sections.Get<PowerSettings>();
        var reliability = scenario.Sections.Get<ReliabilitySettings>();
        return new
        {
            options = scenario.Options.Select(o => new
            {
                // Shown through textContent; control and bidirectional characters dropped as everywhere else.
                name = Infrastructure.TerminalText.Clean(o.Name),
                gpu = o.Gpu.Id,
                ownership = o.Ownership.Name(),
                gpus = o.Gpus,
                rent_usd_per_gpu_hour = (o.Sections.TryGet<RentalChoice>(out var rc) ? rc : new RentalChoice())
                    .Resolve(o.Name, o.Gpu.Id, economics, scenario.Catalog)?.Price.UsdPerHour,
            }),
            global_batch = scenario.Training.GlobalBatch,
            global_batch_max = scenario.Training.GlobalBatchMax,
            failure_rate_scale = reliability.FailureRateScale,
            restart_scale = reliability.RestartScale,
            electricity_usd_per_kwh = power.ElectricityPrice.UsdPerKilowattHour,
            utilisation_percent = economics.Utilisation * 100,
            site_limit_mw = power.SiteLimit?.Megawatts,
            trials_asked = reliability.Profile.Trials,
        };
    }
}
