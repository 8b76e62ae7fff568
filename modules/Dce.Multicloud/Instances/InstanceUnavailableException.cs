namespace Dce.Multicloud.Instances;

/// <summary>An instance's API server cannot be reached or its kubeconfig cannot be used; answered 503.</summary>
internal sealed class InstanceUnavailableException(string message) : Exception(message);
