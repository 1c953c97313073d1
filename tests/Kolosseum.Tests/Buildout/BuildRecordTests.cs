using Kolosseum.Buildout;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Buildout;

/// <summary>
/// No build-out preset's median beats the fastest publicly reported build of its size. The records are catalog data
/// with their sources (<c>build_records</c>, e.g. xAI Colossus: 100,000 H100 in 122 days); each record is a size
/// class, and a preset is checked at the record's size and at twice it, since building more GPUs no faster than
/// the record would beat it too. Rented presets build nothing and are not held to build records.
/// </summary>
public class BuildRecordTests
{
    private static Kolosseum.Catalog.Catalog Catalog => Kolosseum.Catalog.Catalog.Embedded;

    [Fact]
    public void The_records_are_sourced_and_include_the_colossus_build()
    {
        var records = Catalog.All<BuildRecord>();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), r.Id));
        var colossus = Catalog.Get<BuildRecord>("xai-colossus-100k");
        Assert.Equal((100_000L, 122.0), (colossus.Gpus, colossus.Duration.Days));
        Assert.Same(colossus, BuildRecord.FastestAtOrBelow(Catalog, 200_000));
        Assert.Null(BuildRecord.FastestAtOrBelow(Catalog, 99_999));
    }

    public static TheoryData<string, string, long> PresetsAndSizes()
    {
        var data = new TheoryData<string, string, long>();
        foreach (var preset in Catalog.All<BuildoutPreset>().Where(p => p.Ownership == Ownership.Owned))
            foreach (var record in Catalog.All<BuildRecord>())
                foreach (long gpus in new[] { record.Gpus, 2 * record.Gpus })
                    data.Add(preset.Id, record.Id, gpus);
        return data;
    }

    [Theory]
    [MemberData(nameof(PresetsAndSizes))]
    public void No_preset_median_builds_as_many_gpus_faster_than_the_record(string presetId, string recordId, long gpus)
    {
        var record = Catalog.Get<BuildRecord>(recordId);
        var model = BuildoutModel.FromPreset(Catalog.Get<BuildoutPreset>(presetId), gpus, 8);
        var result = BuildoutSimulator.Run(model, new BuildoutRunOptions { Trials = 2_000 });
        double p50 = result.FullCapacity.SinceStart.P50.Days;
        Assert.True(p50 >= record.Duration.Days,
            $"{presetId} brings {gpus:N0} GPUs online in {p50:F1} days at P50, faster than {record.Name}: {record.Gpus:N0} in {record.Duration.Days:F0} days");
    }

    [Fact]
    public void Every_owned_preset_is_checked_against_some_record()
    {
        var owned = Catalog.All<BuildoutPreset>().Where(p => p.Ownership == Ownership.Owned).Select(p => p.Id).ToHashSet();
        var checkedIds = PresetsAndSizes().Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(owned, checkedIds);
    }
}
