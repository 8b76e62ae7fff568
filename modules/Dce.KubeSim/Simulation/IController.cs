using Dce.KubeSim.Clusters;

namespace Dce.KubeSim.Simulation;

/// <summary>One control loop: looks at the whole cluster state and moves it one step toward what is declared.</summary>
public interface IController
{
    /// <summary>How often this controller runs at most; a quiet pass costs nothing but time.</summary>
    TimeSpan MinInterval { get; }

    void Reconcile(SimulatedCluster cluster, DateTime now);
}
