namespace Dce.Kubernetes.Errors;

/// <summary>A failed call to a cluster as the API answers it: status, title and detail of the ProblemDetails.</summary>
public sealed record KubernetesProblem(int Status, string Title, string Detail);
