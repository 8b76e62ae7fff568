namespace Dce.KubeSim.Api;

/// <summary>How one protobuf field maps to JSON.</summary>
public enum ProtoKind
{
    String,
    Int,
    Bool,
    Message,
    MessageList,
    StringList,
    StringMap,
    BytesMap,
    QuantityMap,
    IntOrString,
}

/// <summary>One protobuf field: its JSON name, shape and, for messages, the message it holds.</summary>
public sealed record ProtoField(string Json, ProtoKind Kind, string? Message = null);

/// <summary>
/// The field numbers of the Kubernetes messages kubectl's typed clients send as protobuf (the objects of
/// <c>kubectl create</c> and <c>kubectl run</c>), as published in the Kubernetes API's generated.proto files.
/// </summary>
public static class ProtobufSchema
{
    public static readonly IReadOnlySet<string> RootKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "Namespace", "ConfigMap", "Secret", "ServiceAccount", "Pod", "Deployment", "Service", "Job", "CronJob", "DeleteOptions",
        "HorizontalPodAutoscaler", "TokenRequest", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SelfSubjectReview",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
    };

    private static readonly ProtoField Meta = new("metadata", ProtoKind.Message, "ObjectMeta");

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, ProtoField>> Messages { get; } = new Dictionary<string, IReadOnlyDictionary<int, ProtoField>>(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoKind.String), [2] = new("generateName", ProtoKind.String), [3] = new("namespace", ProtoKind.String),
            [11] = new("labels", ProtoKind.StringMap), [12] = new("annotations", ProtoKind.StringMap), [14] = new("finalizers", ProtoKind.StringList),
        },
        ["DeleteOptions"] = new Dictionary<int, ProtoField>
        {
            [1] = new("gracePeriodSeconds", ProtoKind.Int), [2] = new("preconditions", ProtoKind.Message, "Preconditions"),
            [3] = new("orphanDependents", ProtoKind.Bool), [4] = new("propagationPolicy", ProtoKind.String), [5] = new("dryRun", ProtoKind.StringList),
        },
        ["Preconditions"] = new Dictionary<int, ProtoField> { [1] = new("uid", ProtoKind.String), [2] = new("resourceVersion", ProtoKind.String) },
        ["Namespace"] = new Dictionary<int, ProtoField> { [1] = Meta },
        ["HorizontalPodAutoscaler"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "HorizontalPodAutoscalerSpec") },
        ["HorizontalPodAutoscalerSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("scaleTargetRef", ProtoKind.Message, "CrossVersionObjectReference"), [2] = new("minReplicas", ProtoKind.Int),
            [3] = new("maxReplicas", ProtoKind.Int), [4] = new("targetCPUUtilizationPercentage", ProtoKind.Int),
        },
        ["CrossVersionObjectReference"] = new Dictionary<int, ProtoField>
        {
            [1] = new("kind", ProtoKind.String), [2] = new("name", ProtoKind.String), [3] = new("apiVersion", ProtoKind.String),
        },
        ["TokenRequest"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "TokenRequestSpec") },
        ["TokenRequestSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("audiences", ProtoKind.StringList), [3] = new("boundObjectRef", ProtoKind.Message, "BoundObjectReference"),
            [4] = new("expirationSeconds", ProtoKind.Int),
        },
        ["BoundObjectReference"] = new Dictionary<int, ProtoField>
        {
            [1] = new("kind", ProtoKind.String), [2] = new("apiVersion", ProtoKind.String), [3] = new("name", ProtoKind.String), [4] = new("uid", ProtoKind.String),
        },
        ["SelfSubjectAccessReview"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("resourceAttributes", ProtoKind.Message, "ResourceAttributes"), [2] = new("nonResourceAttributes", ProtoKind.Message, "NonResourceAttributes"),
        },
        ["ResourceAttributes"] = new Dictionary<int, ProtoField>
        {
            [1] = new("namespace", ProtoKind.String), [2] = new("verb", ProtoKind.String), [3] = new("group", ProtoKind.String), [4] = new("version", ProtoKind.String),
            [5] = new("resource", ProtoKind.String), [6] = new("subresource", ProtoKind.String), [7] = new("name", ProtoKind.String),
        },
        ["NonResourceAttributes"] = new Dictionary<int, ProtoField> { [1] = new("path", ProtoKind.String), [2] = new("verb", ProtoKind.String) },
        ["SelfSubjectRulesReview"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "SelfSubjectRulesReviewSpec") },
        ["SelfSubjectRulesReviewSpec"] = new Dictionary<int, ProtoField> { [1] = new("namespace", ProtoKind.String) },
        ["SelfSubjectReview"] = new Dictionary<int, ProtoField> { [1] = Meta },
        ["Role"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("rules", ProtoKind.MessageList, "PolicyRule") },
        ["ClusterRole"] = new Dictionary<int, ProtoField>
        {
            [1] = Meta, [2] = new("rules", ProtoKind.MessageList, "PolicyRule"), [3] = new("aggregationRule", ProtoKind.Message, "AggregationRule"),
        },
        ["PolicyRule"] = new Dictionary<int, ProtoField>
        {
            [1] = new("verbs", ProtoKind.StringList), [2] = new("apiGroups", ProtoKind.StringList), [3] = new("resources", ProtoKind.StringList),
            [4] = new("resourceNames", ProtoKind.StringList), [5] = new("nonResourceURLs", ProtoKind.StringList),
        },
        ["AggregationRule"] = new Dictionary<int, ProtoField> { [1] = new("clusterRoleSelectors", ProtoKind.MessageList, "LabelSelector") },
        ["RoleBinding"] = new Dictionary<int, ProtoField>
        {
            [1] = Meta, [2] = new("subjects", ProtoKind.MessageList, "Subject"), [3] = new("roleRef", ProtoKind.Message, "RoleRef"),
        },
        ["ClusterRoleBinding"] = new Dictionary<int, ProtoField>
        {
            [1] = Meta, [2] = new("subjects", ProtoKind.MessageList, "Subject"), [3] = new("roleRef", ProtoKind.Message, "RoleRef"),
        },
        ["Subject"] = new Dictionary<int, ProtoField>
        {
            [1] = new("kind", ProtoKind.String), [2] = new("apiGroup", ProtoKind.String), [3] = new("name", ProtoKind.String), [4] = new("namespace", ProtoKind.String),
        },
        ["RoleRef"] = new Dictionary<int, ProtoField> { [1] = new("apiGroup", ProtoKind.String), [2] = new("kind", ProtoKind.String), [3] = new("name", ProtoKind.String) },
        ["ServiceAccount"] = new Dictionary<int, ProtoField> { [1] = Meta },
        ["ConfigMap"] = new Dictionary<int, ProtoField>
        {
            [1] = Meta, [2] = new("data", ProtoKind.StringMap), [3] = new("binaryData", ProtoKind.BytesMap), [4] = new("immutable", ProtoKind.Bool),
        },
        ["Secret"] = new Dictionary<int, ProtoField>
        {
            [1] = Meta, [2] = new("data", ProtoKind.BytesMap), [3] = new("type", ProtoKind.String), [4] = new("stringData", ProtoKind.StringMap), [5] = new("immutable", ProtoKind.Bool),
        },
        ["Pod"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "PodSpec") },
        ["PodTemplateSpec"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "PodSpec") },
        ["PodSpec"] = new Dictionary<int, ProtoField>
        {
            [2] = new("containers", ProtoKind.MessageList, "Container"), [20] = new("initContainers", ProtoKind.MessageList, "Container"),
            [3] = new("restartPolicy", ProtoKind.String), [4] = new("terminationGracePeriodSeconds", ProtoKind.Int), [5] = new("activeDeadlineSeconds", ProtoKind.Int),
            [6] = new("dnsPolicy", ProtoKind.String), [7] = new("nodeSelector", ProtoKind.StringMap), [8] = new("serviceAccountName", ProtoKind.String),
            [10] = new("nodeName", ProtoKind.String), [11] = new("hostNetwork", ProtoKind.Bool), [16] = new("hostname", ProtoKind.String),
            [19] = new("schedulerName", ProtoKind.String), [22] = new("tolerations", ProtoKind.MessageList, "Toleration"), [24] = new("priorityClassName", ProtoKind.String),
        },
        ["Container"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoKind.String), [2] = new("image", ProtoKind.String), [3] = new("command", ProtoKind.StringList), [4] = new("args", ProtoKind.StringList),
            [5] = new("workingDir", ProtoKind.String), [6] = new("ports", ProtoKind.MessageList, "ContainerPort"), [7] = new("env", ProtoKind.MessageList, "EnvVar"),
            [8] = new("resources", ProtoKind.Message, "ResourceRequirements"), [9] = new("volumeMounts", ProtoKind.MessageList, "VolumeMount"),
            [13] = new("terminationMessagePath", ProtoKind.String), [14] = new("imagePullPolicy", ProtoKind.String), [16] = new("stdin", ProtoKind.Bool),
            [17] = new("stdinOnce", ProtoKind.Bool), [18] = new("tty", ProtoKind.Bool), [20] = new("terminationMessagePolicy", ProtoKind.String),
        },
        ["ContainerPort"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoKind.String), [2] = new("hostPort", ProtoKind.Int), [3] = new("containerPort", ProtoKind.Int), [4] = new("protocol", ProtoKind.String),
        },
        ["EnvVar"] = new Dictionary<int, ProtoField> { [1] = new("name", ProtoKind.String), [2] = new("value", ProtoKind.String) },
        ["ResourceRequirements"] = new Dictionary<int, ProtoField> { [1] = new("limits", ProtoKind.QuantityMap), [2] = new("requests", ProtoKind.QuantityMap) },
        ["VolumeMount"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoKind.String), [2] = new("readOnly", ProtoKind.Bool), [3] = new("mountPath", ProtoKind.String), [4] = new("subPath", ProtoKind.String),
        },
        ["Toleration"] = new Dictionary<int, ProtoField>
        {
            [1] = new("key", ProtoKind.String), [2] = new("operator", ProtoKind.String), [3] = new("value", ProtoKind.String), [4] = new("effect", ProtoKind.String),
            [5] = new("tolerationSeconds", ProtoKind.Int),
        },
        ["Deployment"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "DeploymentSpec") },
        ["DeploymentSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("replicas", ProtoKind.Int), [2] = new("selector", ProtoKind.Message, "LabelSelector"), [3] = new("template", ProtoKind.Message, "PodTemplateSpec"),
            [4] = new("strategy", ProtoKind.Message, "DeploymentStrategy"), [5] = new("minReadySeconds", ProtoKind.Int), [6] = new("revisionHistoryLimit", ProtoKind.Int),
            [7] = new("paused", ProtoKind.Bool), [9] = new("progressDeadlineSeconds", ProtoKind.Int),
        },
        ["DeploymentStrategy"] = new Dictionary<int, ProtoField> { [1] = new("type", ProtoKind.String) },
        ["LabelSelector"] = new Dictionary<int, ProtoField>
        {
            [1] = new("matchLabels", ProtoKind.StringMap), [2] = new("matchExpressions", ProtoKind.MessageList, "LabelSelectorRequirement"),
        },
        ["LabelSelectorRequirement"] = new Dictionary<int, ProtoField>
        {
            [1] = new("key", ProtoKind.String), [2] = new("operator", ProtoKind.String), [3] = new("values", ProtoKind.StringList),
        },
        ["Service"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "ServiceSpec") },
        ["ServiceSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("ports", ProtoKind.MessageList, "ServicePort"), [2] = new("selector", ProtoKind.StringMap), [3] = new("clusterIP", ProtoKind.String),
            [4] = new("type", ProtoKind.String), [5] = new("externalIPs", ProtoKind.StringList), [7] = new("sessionAffinity", ProtoKind.String),
            [10] = new("externalName", ProtoKind.String),
        },
        ["ServicePort"] = new Dictionary<int, ProtoField>
        {
            [1] = new("name", ProtoKind.String), [2] = new("protocol", ProtoKind.String), [3] = new("port", ProtoKind.Int),
            [4] = new("targetPort", ProtoKind.IntOrString), [5] = new("nodePort", ProtoKind.Int),
        },
        ["Job"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "JobSpec") },
        ["JobTemplateSpec"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "JobSpec") },
        ["JobSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("parallelism", ProtoKind.Int), [2] = new("completions", ProtoKind.Int), [3] = new("activeDeadlineSeconds", ProtoKind.Int),
            [4] = new("selector", ProtoKind.Message, "LabelSelector"), [6] = new("template", ProtoKind.Message, "PodTemplateSpec"),
            [7] = new("backoffLimit", ProtoKind.Int), [8] = new("ttlSecondsAfterFinished", ProtoKind.Int), [10] = new("suspend", ProtoKind.Bool),
        },
        ["CronJob"] = new Dictionary<int, ProtoField> { [1] = Meta, [2] = new("spec", ProtoKind.Message, "CronJobSpec") },
        ["CronJobSpec"] = new Dictionary<int, ProtoField>
        {
            [1] = new("schedule", ProtoKind.String), [2] = new("startingDeadlineSeconds", ProtoKind.Int), [3] = new("concurrencyPolicy", ProtoKind.String),
            [4] = new("suspend", ProtoKind.Bool), [5] = new("jobTemplate", ProtoKind.Message, "JobTemplateSpec"),
            [6] = new("successfulJobsHistoryLimit", ProtoKind.Int), [7] = new("failedJobsHistoryLimit", ProtoKind.Int), [8] = new("timeZone", ProtoKind.String),
        },
    };
}
