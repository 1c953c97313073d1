namespace Kolosseum.Hardware;

/// <summary>
/// The server a GPU goes into when no node is named: the first catalog node, by id, that holds the GPU.
/// One rule for every command and for scenario options without a node, so that `fabric`, `power`,
/// `reliability`, `buildout`, `validate` and `plan` describe the same cluster for the same GPU count.
/// </summary>
public static class DefaultNode
{
    /// <summary>How the choice is echoed beside the node id.</summary>
    public const string Rule = "first catalog node (by id) that holds the GPU";

    public static NodeSpec? For(Catalog.Catalog catalog, string gpuId) =>
        catalog.All<NodeSpec>().FirstOrDefault(n => n.GpuId == gpuId);
}
