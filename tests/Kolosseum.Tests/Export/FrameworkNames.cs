namespace Kolosseum.Tests.Export;

/// <summary>
/// The option names each framework documents, copied by hand from its source, so that an exported file is checked
/// against the framework and not against the exporter's own spelling. Sources:
/// - Megatron-LM: megatron/training/arguments.py, NVIDIA/Megatron-LM commit 000c4ac24f61159c138b0975def722c65245983c
///   (the add_argument calls of _add_distributed_args, _add_training_args, _add_mixed_precision_args,
///   _add_network_size_args, _add_tokenizer_args, _add_data_args, _add_moe_args, _add_mla_args,
///   _add_transformer_engine_args); torchrun's own flags from torch/distributed/run.py.
/// - NeMo 2.0: MegatronStrategy.__init__ parameters (nemo/lightning/pytorch/strategies/megatron_strategy.py, commit
///   00114ea3), the recipe keys of nemo/collections/llm/recipes/llama31_405b.py (commit 00aa2e12: trainer.num_nodes,
///   trainer.devices, trainer.max_steps, trainer.plugins, data.seq_length/global_batch_size/micro_batch_size,
///   model.config.seq_length, optim.config.use_distributed_optimizer), MegatronMixedPrecision's precision and fp8
///   (recipes/precision/mixed_precision.py), and Megatron-Core TransformerConfig fields set through model.config
///   (num_layers, hidden_size, ffn_hidden_size, num_attention_heads, num_query_groups, kv_channels,
///   num_moe_experts, moe_router_topk, moe_ffn_hidden_size, num_layers_in_first/last_pipeline_stage,
///   recompute_granularity/method/num_layers; the last names as core_transformer_config_from_args maps them).
/// - TorchTitan: torchtitan/config/job_config.py, pytorch/torchtitan commit 6404b932421f5ce382e7dac5ad381b2c17b1373c
///   (dataclasses Model, Training, Parallelism, ActivationCheckpoint, Float8).
/// The expert tensor-parallel names (--expert-tensor-parallel-size, MegatronStrategy's expert_tensor_parallel_size,
/// TorchTitan's Parallelism.expert_tensor_parallel_degree, whose default is 1) were checked in the same files of later
/// commits, where the three frameworks added them for MoE parallel folding.
/// </summary>
internal static class FrameworkNames
{
    public static readonly IReadOnlySet<string> Megatron = new HashSet<string>(StringComparer.Ordinal)
    {
        // distributed
        "--tensor-model-parallel-size", "--pipeline-model-parallel-size", "--decoder-first-pipeline-num-layers",
        "--decoder-last-pipeline-num-layers", "--num-layers-per-virtual-pipeline-stage", "--num-virtual-stages-per-pipeline-rank",
        "--context-parallel-size", "--cp-comm-type", "--use-distributed-optimizer", "--use-megatron-fsdp", "--data-parallel-sharding-strategy",
        "--overlap-grad-reduce", "--overlap-param-gather",
        // training
        "--micro-batch-size", "--global-batch-size", "--recompute-granularity", "--recompute-method", "--recompute-num-layers",
        "--sequence-parallel", "--train-iters", "--train-samples", "--disable-bias-linear",
        // mixed precision and Transformer Engine
        "--fp16", "--bf16", "--fp8-format", "--fp8-recipe", "--transformer-impl",
        // network size, tokenizer and data
        "--num-layers", "--hidden-size", "--ffn-hidden-size", "--num-attention-heads", "--attention-backend", "--kv-channels",
        "--group-query-attention", "--num-query-groups", "--max-position-embeddings", "--position-embedding-type", "--normalization",
        "--swiglu", "--squared-relu", "--quick-geglu", "--untie-embeddings-and-output-weights", "--vocab-size", "--seq-length",
        // moe and mla
        "--expert-model-parallel-size", "--expert-tensor-parallel-size", "--num-experts", "--moe-layer-freq", "--moe-ffn-hidden-size", "--moe-shared-expert-intermediate-size",
        "--moe-router-topk", "--moe-token-dispatcher-type", "--multi-latent-attention", "--q-lora-rank", "--kv-lora-rank", "--qk-head-dim",
        "--qk-pos-emb-head-dim", "--v-head-dim",
    };

    /// <summary>torchrun (torch/distributed/run.py) flags the launch line uses.</summary>
    public static readonly IReadOnlySet<string> Torchrun = new HashSet<string>(StringComparer.Ordinal)
    {
        "--nnodes", "--nproc-per-node", "--rdzv-backend", "--rdzv-endpoint",
    };

    /// <summary>Megatron's documented choices for the arguments that take one.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MegatronChoices = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["--recompute-granularity"] = ["full", "selective"],
        ["--recompute-method"] = ["uniform", "block"],
        ["--data-parallel-sharding-strategy"] = ["no_shard", "optim", "optim_grads", "optim_grads_params"],
        ["--fp8-format"] = ["e4m3", "hybrid"],
        ["--position-embedding-type"] = ["learned_absolute", "rope", "mrope", "relative", "none"],
        ["--attention-backend"] = ["flash", "fused", "unfused", "local", "auto"],
        ["--moe-token-dispatcher-type"] = ["allgather", "alltoall", "flex"],
        ["--cp-comm-type"] = ["p2p", "a2a", "allgather", "a2a+p2p"],
    };

    public static readonly IReadOnlySet<string> Nemo = new HashSet<string>(StringComparer.Ordinal)
    {
        "trainer.num_nodes", "trainer.devices", "trainer.max_steps",
        "trainer.strategy.tensor_model_parallel_size", "trainer.strategy.pipeline_model_parallel_size",
        "trainer.strategy.virtual_pipeline_model_parallel_size", "trainer.strategy.context_parallel_size",
        "trainer.strategy.sequence_parallel", "trainer.strategy.expert_model_parallel_size", "trainer.strategy.expert_tensor_parallel_size",
        "trainer.plugins.precision", "trainer.plugins.fp8",
        "data.seq_length", "data.global_batch_size", "data.micro_batch_size",
        "model.config.seq_length", "model.config.num_layers", "model.config.hidden_size", "model.config.ffn_hidden_size",
        "model.config.num_attention_heads", "model.config.num_query_groups", "model.config.kv_channels",
        "model.config.num_moe_experts", "model.config.moe_router_topk", "model.config.moe_ffn_hidden_size",
        "model.config.num_layers_in_first_pipeline_stage", "model.config.num_layers_in_last_pipeline_stage",
        "model.config.recompute_granularity", "model.config.recompute_method", "model.config.recompute_num_layers",
        "optim.config.use_distributed_optimizer",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Torchtitan = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["model"] = new HashSet<string>(StringComparer.Ordinal) { "name", "flavor", "tokenizer_path", "converters" },
        ["training"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "dataset", "dataset_path", "local_batch_size", "global_batch_size", "seq_len", "max_norm", "steps", "mixed_precision_param", "mixed_precision_reduce", "compile", "seed",
        },
        ["parallelism"] = new HashSet<string>(StringComparer.Ordinal)
        {
            "data_parallel_replicate_degree", "data_parallel_shard_degree", "fsdp_reshard_after_forward", "tensor_parallel_degree",
            "disable_loss_parallel", "pipeline_parallel_degree", "pipeline_parallel_layers_per_stage", "pipeline_parallel_first_stage_less_layers",
            "pipeline_parallel_last_stage_less_layers", "pipeline_parallel_schedule", "pipeline_parallel_microbatch_size",
            "context_parallel_degree", "context_parallel_rotate_method", "expert_parallel_degree", "expert_tensor_parallel_degree",
        },
        ["activation_checkpoint"] = new HashSet<string>(StringComparer.Ordinal) { "mode", "selective_ac_option" },
        ["float8"] = new HashSet<string>(StringComparer.Ordinal) { "enable_fsdp_float8_all_gather", "precompute_float8_dynamic_scale_for_fsdp", "recipe_name", "filter_fqns" },
    };

    /// <summary>TorchTitan's documented choices (Literal types in job_config.py; schedules from torch.distributed.pipelining).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TorchtitanChoices = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["parallelism.fsdp_reshard_after_forward"] = ["default", "always", "never"],
        ["parallelism.pipeline_parallel_schedule"] = ["1F1B", "Interleaved1F1B", "GPipe", "LoopedBFS", "InterleavedZeroBubble", "ZBVZeroBubble"],
        ["activation_checkpoint.mode"] = ["selective", "full", "none"],
        ["training.mixed_precision_param"] = ["bfloat16", "float32"],
        ["float8.recipe_name"] = ["tensorwise", "rowwise", "rowwise_with_gw_hp"],
    };
}
