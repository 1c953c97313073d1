using Kolosseum.Buildout;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Buildout;

public class BuildoutPresetTests
{
    private static Kolosseum.Catalog.Catalog Catalog => Kolosseum.Catalog.Catalog.Embedded;

    [Theory]
    [InlineData("fast-track", Ownership.Owned)]
    [InlineData("hyperscale", Ownership.Owned)]
    [InlineData("retrofit", Ownership.Owned)]
    [InlineData("rent", Ownership.Rented)]
    [InlineData("rent-reserved", Ownership.Rented)]
    public void Presets_load_with_their_ownership(string id, Ownership ownership)
    {
        Assert.True(Catalog.TryGet<BuildoutPreset>(id, out var preset));
        Assert.Equal(ownership, preset.Ownership);
        Assert.NotEmpty(preset.Phases);
        Assert.All(preset.Phases, p => Assert.False(string.IsNullOrWhiteSpace(p.Source), $"{id}.{p.Name} has no source"));
        // Owned builds have a server ramp: their length depends on the cluster size.
        Assert.Equal(ownership == Ownership.Owned, preset.Ramp is not null);
    }

    [Fact]
    public void Each_ownership_has_exactly_one_default_preset()
    {
        Assert.Single(Catalog.All<BuildoutPreset>(), p => p.DefaultFor == Ownership.Owned);
        Assert.Single(Catalog.All<BuildoutPreset>(), p => p.DefaultFor == Ownership.Rented);
        Assert.Equal("hyperscale", BuildoutPreset.DefaultPreset(Catalog, Ownership.Owned)!.Id);
        Assert.Equal("rent", BuildoutPreset.DefaultPreset(Catalog, Ownership.Rented)!.Id);
    }

    [Fact]
    public void Every_preset_starts_on_the_same_default_date_so_options_compare_on_one_calendar()
    {
        var dates = Catalog.All<BuildoutPreset>().Select(p => p.DefaultStart).Distinct().ToList();
        Assert.Equal([new DateOnly(2024, 7, 10)], dates);
    }

    [Fact]
    public void Ramp_sources_are_given()
    {
        foreach (var p in Catalog.All<BuildoutPreset>().Where(p => p.Ramp is not null))
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Ramp!.DeliveryRateSource), p.Id);
            Assert.False(string.IsNullOrWhiteSpace(p.Ramp.InstallRateSource), p.Id);
            Assert.False(string.IsNullOrWhiteSpace(p.Ramp.BurnInSource), p.Id);
        }
    }

    [Fact]
    public void Renting_now_is_immediate_and_reserving_takes_its_lead_time()
    {
        var now = Models.Run(Models.Preset("rent", 24_000), trials: 100);
        Assert.Equal(0, now.FullCapacity.SinceStart.P90.Seconds);
        var reserved = Models.Run(Models.Preset("rent-reserved", 24_000), trials: 2000);
        // Lead time 4/6/8 weeks: every trial within the range, the median near the mode.
        Assert.InRange(reserved.FullCapacity.SinceStart.P10.Weeks, 4, 8);
        Assert.InRange(reserved.FullCapacity.SinceStart.P90.Weeks, 4, 8);
        Assert.InRange(reserved.FullCapacity.SinceStart.P50.Weeks, 5.5, 6.5);
    }
}
