package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.run.NodeState;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CellStateTest {
    @Test
    void everyMachineStateButWaitingHasAnOverviewCellStateOfTheSameName() {
        // The install page shows a machine's state with the icon of the overview cell of the same name.
        Set<String> cells = Arrays.stream(CellState.values()).map(Enum::name).collect(Collectors.toSet());
        Set<NodeState> without = EnumSet.allOf(NodeState.class).stream().filter(s -> !cells.contains(s.name()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(NodeState.class)));
        assertEquals(EnumSet.of(NodeState.WAITING), without);
    }
}
