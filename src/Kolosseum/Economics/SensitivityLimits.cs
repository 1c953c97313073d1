using Kolosseum.Power;
using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>
/// Keeps a tornado multiplier inside the input's own valid range: the published spread of PUE is ±25 %, but
/// a hall at PUE 1.05 cannot go to 0.79 (facility power below the IT power), and a utilisation of 95 % cannot
/// rise by a quarter. The multiplier shrinks to the range's end, so the row shows what was really evaluated.
/// </summary>
public static class SensitivityLimits
{
    public static double Clamp(CostInputs inputs, SensitivityInput input, double k)
    {
        var (value, min, max) = input switch
        {
            SensitivityInput.Pue => (inputs.Power.Pue, PowerSettings.MinPue, PowerSettings.MaxPue),
            SensitivityInput.Utilisation => (inputs.Economics.Utilisation, 0, 1),
            SensitivityInput.CostOfCapital => (inputs.Economics.CostOfCapital, 0, 1),
            SensitivityInput.HardwareLife => (inputs.Economics.HardwareLife.Years, EconomicsSettings.MinHardwareLifeYears, EconomicsSettings.MaxHardwareLifeYears),
            _ => (1.0, 0.0, double.PositiveInfinity),
        };
        if (!(value > 0)) return k;
        double moved = value * k;
        // Inside the range the published multiplier stands as it is (no rounding through value and back).
        if (moved >= min && moved <= max) return k;
        return Math.Clamp(moved, min, max) / value;
    }
}
