namespace Dce.KubeSim.Simulation.Pods;

/// <summary>An event the kubelet records about a pod once its new status is written.</summary>
public sealed record PodEvent(string Reason, string Message, bool Warning = false);
