namespace Dce.KubeSim.Tests.Pods;

/// <summary>Pods and workloads whose containers fail in the ways the pod tests look at.</summary>
public static class PodManifests
{
    public static string Namespace(string ns) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        """;

    /// <summary>A bare pod with the given annotations (YAML lines under <c>annotations:</c>) and container extras.</summary>
    public static string Pod(string ns, string name, string image = "nginx:1.27", string annotations = "", string restartPolicy = "Always", string container = "", bool sidecar = false) => $"""
        {Namespace(ns)}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          namespace: {ns}
          annotations:
            test.dce.io/purpose: pods
        {Indent(annotations, 4)}
        spec:
          restartPolicy: {restartPolicy}
          containers:
          - name: app
            image: {image}
        {Indent(container, 4)}
        {(sidecar ? "  - name: sidecar\n    image: busybox:1.36" : "")}
        """;

    private static string Indent(string lines, int spaces) =>
        string.Join('\n', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l.TrimEnd()));
}
