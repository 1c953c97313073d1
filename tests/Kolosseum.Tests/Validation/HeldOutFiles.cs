using Kolosseum.Diagnostics;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>The held-out files beside runs.csv, read as validate reads them and predicted with the catalog's calibration.</summary>
internal static class HeldOutFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "validation", name);

    /// <summary>Every row of the file read without a diagnostic, none from a release calibration saw (25.09), and predicted.</summary>
    public static (IReadOnlyList<PublishedRun> Runs, IReadOnlyList<ValidationRow> Rows) ReadAndPredict(string name)
    {
        string file = Path(name);
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        var bag = new DiagnosticBag();
        var runs = RunsCsvReader.Read(File.ReadAllText(file), file, catalog, bag);
        Assert.Empty(bag.Items.Select(d => d.Format()));
        Assert.Equal(File.ReadAllLines(file).Length - 1, runs.Count);
        Assert.All(runs, r => Assert.DoesNotContain("25.09", r.Source, StringComparison.Ordinal));
        var validator = new RunValidator(catalog);
        return (runs, runs.Select(validator.Predict).ToList());
    }
}
