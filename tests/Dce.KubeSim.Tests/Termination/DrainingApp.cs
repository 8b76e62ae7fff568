namespace Dce.KubeSim.Tests.Termination;

/// <summary>A Deployment whose pods sleep in preStop before they stop, with its Service.</summary>
internal static class DrainingApp
{
    public static string Manifest(string ns, int replicas, int preStopSeconds, string maxSurge = "1", string maxUnavailable = "0") => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
        spec:
          replicas: {replicas}
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxSurge: {maxSurge}
              maxUnavailable: {maxUnavailable}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 60
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
                lifecycle:
                  preStop:
                    sleep:
                      seconds: {preStopSeconds}
                resources:
                  requests:
                    cpu: 10m
                    memory: 16Mi
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
