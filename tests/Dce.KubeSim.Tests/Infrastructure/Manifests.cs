namespace Dce.KubeSim.Tests.Infrastructure;

/// <summary>Manifests the tests apply, each in its own namespace.</summary>
public static class Manifests
{
    public static string UniqueNamespace(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    public static string WebApp(string ns, int replicas = 3, string image = "nginx:1.27") => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
          namespace: {ns}
        data:
          mode: production
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 80
                env:
                - name: MODE
                  value: production
                resources:
                  requests:
                    cpu: 50m
                    memory: 32Mi
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {ns}
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 80
        """;
}
