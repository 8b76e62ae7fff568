namespace Dce.Multicloud.Tests.Contract;

/// <summary>One object of each served kind as a user writes it, valid for the walk's instance and members.</summary>
public static class WalkedObjects
{
    /// <summary>A name the kind accepts: a custom resource definition is named by its plural and group.</summary>
    public static string Name(string segment, string name) =>
        segment == "customresourcedefinitions" ? $"{name.Replace("-", "", StringComparison.Ordinal)}s.walk.example.com" : name;

    /// <summary>The object named <paramref name="name"/>, <paramref name="label"/> telling one version from the next.</summary>
    public static string Of(string segment, string name, string label = "first") => segment switch
    {
        "deployments" => Manifests.Deployment(name, label == "first" ? "nginx:1.25" : "nginx:1.26", 2),
        "jobs" => $"apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: main, image: busybox}}]\n",
        "cronjobs" => $"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  schedule: '*/5 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{{name: main, image: busybox}}]\n",
        "configmaps" => $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\ndata: {{key: value}}\n",
        "secrets" => $"apiVersion: v1\nkind: Secret\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nstringData: {{password: walk-secret}}\n",
        "services" => $"apiVersion: v1\nkind: Service\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  selector: {{app: {name}}}\n  ports: [{{port: 80, targetPort: 8080}}]\n",
        "ingresses" => $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  rules:\n  - host: walk.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}\n",
        "propagationpolicies" or "clusterpropagationpolicies" => $"metadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  resourceSelectors: [{{apiVersion: v1, kind: ConfigMap, name: {name}}}]\n  placement: {{}}\n",
        "overridepolicies" or "clusteroverridepolicies" => $"metadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  resourceSelectors: [{{apiVersion: v1, kind: ConfigMap, name: {name}}}]\n  overrideRules:\n  - overriders:\n      labelsOverrider: [{{operator: add, value: {{walked: 'yes'}}}}]\n",
        "customresourcedefinitions" => Definition(name, label),
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "not a served kind"),
    };

    private static string Definition(string name, string label)
    {
        var plural = name.Split('.')[0];
        var kind = char.ToUpperInvariant(plural[0]) + plural[1..^1];
        return $"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {{name: {name}, labels: {{walk: {label}}}}}\nspec:\n  group: walk.example.com\n  scope: Namespaced\n  names: {{plural: {plural}, singular: {plural[..^1]}, kind: {kind}, listKind: {kind}List}}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema: {{openAPIV3Schema: {{type: object, x-kubernetes-preserve-unknown-fields: true}}}}\n";
    }
}
