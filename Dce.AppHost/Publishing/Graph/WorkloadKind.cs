namespace Dce.AppHost.Publishing.Graph;

/// <summary>How a resource of the graph runs in the cluster.</summary>
public enum WorkloadKind
{
    /// <summary>A project serving requests: a Deployment behind a Service.</summary>
    Service,

    /// <summary>A project that runs to completion before others start (a migration step): a Job.</summary>
    Job,

    /// <summary>A container with a connection string and data (PostgreSQL, Redis, RabbitMQ): a StatefulSet with PVCs.</summary>
    Middleware,

    /// <summary>Alertmanager: a Deployment whose configuration, written by the publisher, is a Secret.</summary>
    Alertmanager,
}
