namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>The definitions of the add-on kinds DCE manages (CSI snapshots, CronHPA, VPA) and one of the walk's own.</summary>
internal static class CustomResourceDefinitions
{
    public static string Of(string group, string plural, string kind, string version, bool namespaced = true) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {{plural}}.{{group}}
        spec:
          group: {{group}}
          scope: {{(namespaced ? "Namespaced" : "Cluster")}}
          names:
            plural: {{plural}}
            singular: {{kind.ToLowerInvariant()}}
            kind: {{kind}}
          versions:
          - name: {{version}}
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    public static readonly string VolumeSnapshots = Of("snapshot.storage.k8s.io", "volumesnapshots", "VolumeSnapshot", "v1");
    public static readonly string CronHorizontalPodAutoscalers = Of("autoscaling.alibabacloud.com", "cronhorizontalpodautoscalers", "CronHorizontalPodAutoscaler", "v1beta1");
    public static readonly string VerticalPodAutoscalers = Of("autoscaling.k8s.io", "verticalpodautoscalers", "VerticalPodAutoscaler", "v1");
}
