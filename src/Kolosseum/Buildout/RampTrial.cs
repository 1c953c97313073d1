namespace Kolosseum.Buildout;

/// <summary>
/// The server ramp of one Monte-Carlo trial, in seconds since the start and servers per second.
/// Deliveries arrive at a constant rate from <see cref="DeliveryStart"/>; crews install at a constant
/// rate from <see cref="InstallStart"/> but never ahead of deliveries (a fluid queue); each server
/// then spends the burn-in and acceptance lag. Installed servers by time τ are therefore
/// min(r_d (τ − D₀), r_i (τ − S)), which inverts in closed form (<see cref="TimeToReach"/>).
/// Without a ramp (renting) both rates are infinite: everything arrives at <see cref="DeliveryStart"/>.
/// </summary>
internal readonly record struct RampTrial(
    double DeliveryStart,
    double InstallGate,
    double DeliveryRate,
    double InstallRate,
    double BurnIn,
    double Acceptance)
{
    public static RampTrial AllAt(double ready) => new(ready, ready, double.PositiveInfinity, double.PositiveInfinity, 0, 0);

    /// <summary>Installation starts when the site is ready and the first server has arrived.</summary>
    public double InstallStart => Math.Max(InstallGate, DeliveryStart);

    public double Lag => BurnIn + Acceptance;

    /// <summary>Seconds from the start until <paramref name="servers"/> servers have passed burn-in and acceptance.</summary>
    public double TimeToReach(double servers) =>
        servers <= 0 ? 0 : Lag + Math.Max(DeliveryStart + servers / DeliveryRate, InstallStart + servers / InstallRate);

    /// <summary>Servers that have passed burn-in and acceptance <paramref name="t"/> seconds after the start (≤ <paramref name="total"/>).</summary>
    public double ServersAt(double t, double total)
    {
        double tau = t - Lag;
        if (tau < InstallStart) return 0;
        double delivered = double.IsPositiveInfinity(DeliveryRate) ? total : DeliveryRate * (tau - DeliveryStart);
        double installed = double.IsPositiveInfinity(InstallRate) ? total : InstallRate * (tau - InstallStart);
        return Math.Min(total, Math.Min(delivered, installed));
    }

    /// <summary>Whether, for the whole cluster, the last delivery comes later than crews could install (deliveries bound the ramp).</summary>
    public bool DeliveryBound(double servers) => DeliveryStart + servers / DeliveryRate >= InstallStart + servers / InstallRate;
}
