namespace Dce.Kubernetes.Outbound;

/// <summary>The outbound policy refused to connect to an address; the message says which and why, never what a server answered.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
