namespace Dce.Multicloud.Tests;

/// <summary>Templates as users write them.</summary>
public static class Manifests
{
    public static string Deployment(string name, string image, int replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: main
                image: {image}
        """;
}
