using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

/// <summary>
/// What KubeSim's controllers write passes KubeSim's own strict validation: every object read back, of every kind a
/// small application produces, goes back unchanged through <c>kubectl replace</c> (PUT), client-side apply and
/// server-side apply.
/// </summary>
[Collection(KubeSimCollection.Name)]
public sealed class ReapplyTests(KubeSimServer server)
{
    private static readonly string[] Kinds =
    [
        "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "pods", "services", "endpoints",
        "endpointslices", "configmaps", "secrets", "serviceaccounts", "persistentvolumeclaims", "controllerrevisions",
        "horizontalpodautoscalers", "poddisruptionbudgets", "ingresses", "networkpolicies",
    ];

    [Fact]
    public async Task Objects_read_from_the_cluster_go_back_unchanged_with_replace_apply_and_server_side_apply()
    {
        var kubectl = server.Kubectl(KubeSimServer.SecondCluster);
        var ns = Manifests.UniqueNamespace("reapply");
        await kubectl.ApplyAsync(Application(ns));
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Available", "deployment/web", "--timeout=90s");
        await kubectl.OkAsync("-n", ns, "wait", "--for=condition=Complete", "job/migrate", "--timeout=90s");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "statefulset/db", "--timeout=90s");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "daemonset/agent", "--timeout=90s");

        var failures = new List<string>();
        foreach (var kind in Kinds)
        {
            foreach (var verb in new[] { "replace", "apply", "server-side" })
            {
                var result = await Reapply(kubectl, ns, kind, verb);
                if (result.ExitCode != 0)
                {
                    failures.Add($"{verb} {kind}: {result.Error.Trim()}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static async Task<KubectlResult> Reapply(Dce.Testing.Kubectl kubectl, string ns, string kind, string verb)
    {
        KubectlResult result = new(1, "", "");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await kubectl.OkAsync("-n", ns, "get", kind, "-o", "yaml");
            string[] args = verb switch
            {
                "replace" => ["-n", ns, "replace", "-f", "-"],
                "apply" => ["-n", ns, "apply", "-f", "-"],
                _ => ["-n", ns, "apply", "--server-side", "--force-conflicts", "-f", "-"],
            };
            result = await kubectl.RunWithInputAsync(current, args);
            if (result.ExitCode == 0 || !result.Error.Contains("the object has been modified", StringComparison.Ordinal))
            {
                return result;
            }
        }
        return result;
    }

    private static string Application(string ns) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {ns}
        data:
          mode: production
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: credentials
          namespace: {ns}
        stringData:
          password: s3cret
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
          namespace: {ns}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
        spec:
          replicas: 2
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
                image: nginx:1.27
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
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
          namespace: {ns}
        spec:
          serviceName: db
          replicas: 1
          selector:
            matchLabels:
              app: db
          template:
            metadata:
              labels:
                app: db
            spec:
              containers:
              - name: db
                image: postgres:16
                volumeMounts:
                - name: data
                  mountPath: /var/lib/postgresql/data
          volumeClaimTemplates:
          - metadata:
              name: data
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: {ns}
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
              - name: agent
                image: busybox:1.36
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          namespace: {ns}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: migrate
                image: busybox:1.36
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: nightly
          namespace: {ns}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: nightly
                    image: busybox:1.36
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
          namespace: {ns}
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: web
          minReplicas: 2
          maxReplicas: 4
          metrics:
          - type: Resource
            resource:
              name: cpu
              target:
                type: Utilization
                averageUtilization: 80
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
          namespace: {ns}
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: web
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: {ns}
        spec:
          rules:
          - host: web.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: {ns}
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - ports:
            - port: 80
        """;
}
