namespace Kolosseum.Validation;

/// <summary>FLOPs per optimizer step as each published source counted them (src/Kolosseum/Validation/data/README.md).</summary>
public static class FlopConventions
{
    /// <summary>Narayanan et al. 2021 (GPT-style, ffn = 4h, counts the recompute forward): 96·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)).</summary>
    public static double MegatronHardware(double batch, double seq, double layers, double hidden, double vocab) =>
        96 * batch * seq * layers * hidden * hidden * (1 + seq / (6 * hidden) + vocab / (16 * layers * hidden));

    /// <summary>Chowdhery et al. 2022, appendix B: (6·N + 12·l·s·h) per token, N = parameters in matrix multiplies for one token.</summary>
    public static double PalmModel(double tokens, double matmulParams, double layers, double seq, double attentionWidth) =>
        tokens * (6 * matmulParams + 12 * layers * seq * attentionWidth);
}
