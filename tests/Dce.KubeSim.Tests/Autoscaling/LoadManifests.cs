namespace Dce.KubeSim.Tests.Autoscaling;

/// <summary>
/// A namespace with one Deployment whose pods have the given resources, for load, autoscaling and disruption tests;
/// its pods carry <c>run: &lt;namespace&gt;</c> so a node-wide command such as <c>kubectl drain</c> can pick only them.
/// </summary>
public static class LoadManifests
{
    public static string App(string ns, int replicas, string resources, string annotations = "") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ns}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {{ns}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
                run: {{ns}}
              annotations: {{(annotations.Length == 0 ? "{}" : annotations)}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                resources: {{resources}}
        """;
}
