using Dce.Kubernetes.Manifests;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Instances;
using Microsoft.AspNetCore.Mvc;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>DCE's template actions (<c>…/deployments/{name}:restart</c>…) and the odd shapes of DCE's paths for some kinds.</summary>
internal static class TemplateActionsApi
{
    public static IEndpointRouteBuilder MapTemplateActionsApi(this IEndpointRouteBuilder app)
    {
        var deployments = ServedKinds.Of("deployments");
        var cronJobs = ServedKinds.Of("cronjobs");
        var configMaps = ServedKinds.Of("configmaps");
        var deployment = app.MapGroup($"{KairshipPaths.Namespace}/deployments").WithTags("Deployments");
        deployment.MapPost("/{name}:pause", (ControlPlanes planes, string instance, string @namespace, string name, CancellationToken cancellationToken) =>
                TemplateActions.SetAsync(planes, deployments, instance, @namespace, name, "paused", true, cancellationToken))
            .WithName("PauseDeployment").WithSummary("Pauses a Deployment's rollouts in every member.")
            .Audited("pause", "deployments").RequireInstanceAccess("update", "deployments", Reach.Namespace);
        deployment.MapPost("/{name}:resume", (ControlPlanes planes, string instance, string @namespace, string name, CancellationToken cancellationToken) =>
                TemplateActions.SetAsync(planes, deployments, instance, @namespace, name, "paused", false, cancellationToken))
            .WithName("ResumeDeployment").WithSummary("Resumes a paused Deployment in every member.")
            .Audited("resume", "deployments").RequireInstanceAccess("update", "deployments", Reach.Namespace);
        deployment.MapPost("/{name}:restart", (ControlPlanes planes, TimeProvider time, string instance, string @namespace, string name, CancellationToken cancellationToken) =>
                TemplateActions.RestartAsync(planes, deployments, instance, @namespace, name, time, cancellationToken))
            .WithName("RestartDeployment").WithSummary("Restarts a Deployment's pods in every member, as kubectl rollout restart does.")
            .Audited("restart", "deployments").RequireInstanceAccess("update", "deployments", Reach.Namespace);

        var cronJob = app.MapGroup($"{KairshipPaths.Namespace}/cronjobs").WithTags("CronJobs");
        cronJob.MapPost("/{name}:pause", (ControlPlanes planes, string instance, string @namespace, string name, CancellationToken cancellationToken) =>
                TemplateActions.SetAsync(planes, cronJobs, instance, @namespace, name, "suspend", true, cancellationToken))
            .WithName("PauseCronJob").WithSummary("Suspends a CronJob in every member.")
            .Audited("pause", "cronjobs").RequireInstanceAccess("update", "cronjobs", Reach.Namespace);
        cronJob.MapPost("/{name}:resume", (ControlPlanes planes, string instance, string @namespace, string name, CancellationToken cancellationToken) =>
                TemplateActions.SetAsync(planes, cronJobs, instance, @namespace, name, "suspend", false, cancellationToken))
            .WithName("ResumeCronJob").WithSummary("Resumes a suspended CronJob in every member.")
            .Audited("resume", "cronjobs").RequireInstanceAccess("update", "cronjobs", Reach.Namespace);
        // DCE replaces a CronJob at its collection's path, the name taken from the object.
        cronJob.MapPut("", (ControlPlanes planes, string instance, string @namespace, DataBody body, CancellationToken cancellationToken) =>
                ObjectHandlers.ReplaceNamedInBodyAsync(planes, cronJobs, instance, @namespace, body, cancellationToken))
            .WithName("UpdateCronJobByBody").WithSummary("Replaces the CronJob named in {\"data\": \"<YAML or JSON>\"}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).ProducesValidationProblem()
            .Audited("update", "cronjobs").RequireInstanceAccess("update", "cronjobs", Reach.Namespace);
        // DCE patches a ConfigMap at its JSON's path.
        app.MapPatch($"{KairshipPaths.Namespace}/configmaps/{{name}}/json",
                (ControlPlanes planes, string instance, string @namespace, string name, DataBody body, CancellationToken cancellationToken) =>
                    ObjectHandlers.PatchAsync(planes, configMaps, instance, @namespace, name, body, cancellationToken))
            .WithTags("ConfigMaps").WithName("PatchConfigMapJSON").WithSummary("Patches a ConfigMap with a JSON merge patch in {\"data\": \"<patch>\"}.")
            .WithMetadata(new RequestSizeLimitAttribute(ManifestLimits.MaxBytes)).ProducesValidationProblem()
            .Audited("patch", "configmaps").RequireInstanceAccess("patch", "configmaps", Reach.Namespace);
        return app;
    }
}
