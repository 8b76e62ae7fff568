namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>What a policy's resource selector names: one workload by its API version, kind and name.</summary>
public sealed record WorkloadSelector(string ApiVersion, string Kind, string Name)
{
    /// <summary>The workload the create page's sample of <paramref name="segment"/> creates.</summary>
    public static WorkloadSelector SampleOf(string segment) => segment switch
    {
        "jobs" => new("batch/v1", "Job", "task"),
        "cronjobs" => new("batch/v1", "CronJob", "task"),
        _ => new("apps/v1", "Deployment", "web"),
    };
}
