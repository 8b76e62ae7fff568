namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>The release folder pointer a replica starts from.</summary>
public sealed record ReleasePointerAnnotation(ReleasePointer Pointer) : IResourceAnnotation;
