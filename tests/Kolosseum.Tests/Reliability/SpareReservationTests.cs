using CsCheck;
using Kolosseum.Reliability;
using Kolosseum.Tests.Planning;

namespace Kolosseum.Tests.Reliability;

public class SpareReservationTests
{
    [Fact]
    public void Job_and_its_spares_never_need_more_nodes_than_the_cluster_and_one_more_node_would()
    {
        Gen.Select(Gen.Long[8, 2_000_000], Gen.Int[1, 72], Gen.Double[0.0005, 0.5]).Sample((gpus, perNode, spares) =>
        {
            long nodes = gpus / perNode;
            long train = SpareReservation.TrainableGpus(gpus, perNode, spares);
            if (nodes == 0) return train == gpus;
            long trainNodes = train / perNode;
            // A node or two cannot spare half of themselves: train on one node anyway rather than on none.
            if (trainNodes == 1 && 1 + SpareReservation.SpareNodes(1, spares) > nodes) return train == perNode;
            bool fits = train % perNode == 0 && trainNodes + SpareReservation.SpareNodes(trainNodes, spares) <= nodes;
            // Maximal: one node more would not leave room for its spares.
            bool maximal = trainNodes + 1 + SpareReservation.SpareNodes(trainNodes + 1, spares) > nodes;
            return fits && maximal && trainNodes >= 1;
        });
    }

    [Fact]
    public void No_spares_keeps_every_gpu_for_training()
    {
        Assert.Equal(100_000, SpareReservation.TrainableGpus(100_000, 8, 0));
        // Fewer GPUs than a node: nothing to reserve.
        Assert.Equal(4, SpareReservation.TrainableGpus(4, 8, 0.05));
    }

    [Fact]
    public void The_planned_job_and_its_hot_spares_fit_inside_each_options_gpus()
    {
        foreach (var p in PlanFixtures.Default.Plan.Options)
        {
            long spareGpus = p.Reliability.Inputs.SpareNodes * p.Option.Node.GpusPerNode;
            Assert.True(p.Step.Gpus + spareGpus <= p.Option.Gpus,
                $"{p.Option.Name}: {p.Step.Gpus} training + {spareGpus} spare GPUs > {p.Option.Gpus}");
            Assert.True(p.Reliability.Inputs.SpareNodes > 0);
        }
    }
}
