namespace Kolosseum.Scenarios;

/// <summary>Whether a cluster option is bought and built, or rented from a cloud provider.</summary>
public enum Ownership
{
    Owned,
    Rented,
}
