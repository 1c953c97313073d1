using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Workload;
using Kolosseum.Yaml;

namespace Kolosseum.Tests.Catalog;

public class EmbeddedCatalogTests
{
    [Fact]
    public void Embedded_catalog_binds_every_entry_without_diagnostics()
    {
        var bag = new DiagnosticBag();
        Kolosseum.Catalog.Catalog.Embedded.Validate(bag);
        Assert.Empty(bag.Items.Select(d => d.Format()));
    }

    [Fact]
    public void Every_number_in_the_catalog_has_a_non_empty_source()
    {
        var missing = new List<string>();
        foreach (var entry in Kolosseum.Catalog.Catalog.Embedded.Entries)
            foreach (var (field, _) in Leaves(entry.Fields, ""))
                if (string.IsNullOrWhiteSpace(entry.SourceOf(field))) missing.Add($"{entry.Kind}/{entry.Id}.{field}");
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("h100-sxm-80gb")]
    [InlineData("H100-SXM-80GB")]
    [InlineData("H100-sxm-80GB")]
    public void Ids_match_case_insensitively_and_resolve_to_the_catalog_spelling(string id)
    {
        Assert.True(Kolosseum.Catalog.Catalog.Embedded.TryGet<GpuSpec>(id, out var gpu));
        Assert.Equal("H100-SXM-80GB", gpu.Id);
    }

    [Theory]
    [InlineData("A100-SXM-80GB")]
    [InlineData("H100-SXM-80GB")]
    [InlineData("H800-SXM-80GB")]
    [InlineData("H200-SXM-141GB")]
    [InlineData("H20")]
    [InlineData("B200")]
    [InlineData("GB200-NVL72")]
    [InlineData("MI300X")]
    public void Required_gpu_ids_are_present(string id) =>
        Assert.True(Kolosseum.Catalog.Catalog.Embedded.TryGet<GpuSpec>(id, out _));

    [Theory]
    [InlineData("gpt3-175b")]
    [InlineData("megatron-1t")]
    [InlineData("mtnlg-530b")]
    [InlineData("llama3.1-8b")]
    [InlineData("llama3.1-70b")]
    [InlineData("llama3.1-405b")]
    [InlineData("nemotron4-340b")]
    [InlineData("grok1-314b")]
    [InlineData("mixtral-8x7b")]
    [InlineData("deepseek-v3-671b")]
    [InlineData("mixtral-8x22b")]
    [InlineData("qwen3-235b-a22b")]
    [InlineData("kimi-k2")]
    public void Required_model_ids_are_present(string id) =>
        Assert.True(Kolosseum.Catalog.Catalog.Embedded.TryGet<ModelSpec>(id, out _));

    [Fact]
    public void Node_gpu_references_resolve()
    {
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        foreach (var node in catalog.All<NodeSpec>())
            Assert.True(catalog.TryGet<GpuSpec>(node.GpuId, out _), node.Id);
    }

    private static IEnumerable<(string Field, YScalar Value)> Leaves(YMapping map, string prefix)
    {
        foreach (var e in map.Entries)
        {
            if (e.Key.Value is "id" or "name") continue;
            if (e.Value is YMapping m)
                foreach (var x in Leaves(m, prefix + e.Key.Value + ".")) yield return x;
            else if (e.Value is YScalar s)
                yield return (prefix + e.Key.Value, s);
        }
    }
}
