namespace Kolosseum.Export;

/// <summary>
/// Where each framework's spelling was checked: the file and commit whose argument, field and key names
/// the exported files use (docs/export.md lists them). A framework renames its options between releases;
/// these say which release the files are written for.
/// </summary>
public static class FrameworkSources
{
    public const string Megatron =
        "NVIDIA/Megatron-LM megatron/training/arguments.py at commit 000c4ac24f61159c138b0975def722c65245983c (Megatron-Core 0.14 and later)";

    public const string Nemo =
        "NVIDIA/NeMo 2.0: nemo/lightning/pytorch/strategies/megatron_strategy.py (MegatronStrategy) at commit 00114ea3ebf376b134121d5638051f14b67a3d2d, " +
        "nemo/collections/llm/recipes/llama31_405b.py at commit 00aa2e12802f4f31b0eafc2421d5894b4d8fb988, recipes/precision/mixed_precision.py";

    public const string Torchtitan =
        "pytorch/torchtitan torchtitan/config/job_config.py at commit 6404b932421f5ce382e7dac5ad381b2c17b1373c";

    public const string Torchrun = "PyTorch torch/distributed/run.py (torchrun --nnodes, --nproc-per-node)";
}
