namespace Dce.AppHost.Publishing.Overlays;

/// <summary>What one deployment target changes in the base.</summary>
/// <param name="Name">The overlay folder.</param>
/// <param name="Registry">Where the project images (and, when <paramref name="MirrorsThirdPartyImages"/>, every image) are pulled from.</param>
/// <param name="StorageClass">The storage class of the middleware PVCs.</param>
/// <param name="IngressClass">The ingress class of the gateway's Ingress.</param>
/// <param name="IngressAnnotations">Load-balancer annotations of the Ingress.</param>
/// <param name="NodeSelector">Added to every pod.</param>
/// <param name="MirrorsThirdPartyImages">Whether middleware, collector and kubectl images come from <paramref name="Registry"/>'s mirror too.</param>
/// <param name="Small">Edge footprint: one replica, half the requests and limits, small volumes.</param>
/// <param name="AssignsUserIds">The platform assigns user ids (OpenShift's restricted SCC), so pods must not pin them.</param>
public sealed record CloudTarget(
    string Name,
    string Registry,
    string StorageClass,
    string IngressClass,
    IReadOnlyDictionary<string, string> IngressAnnotations,
    IReadOnlyDictionary<string, string> NodeSelector,
    bool MirrorsThirdPartyImages = false,
    bool Small = false,
    bool AssignsUserIds = false);
