package dev.kubewizard.ui.network;

import atlantafx.base.theme.Styles;
import dev.kubewizard.plan.KubernetesVersions;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.FieldDecorations;
import dev.kubewizard.ui.form.FormGrid;
import dev.kubewizard.ui.form.ProblemList;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.io.File;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Endpoint, load balancer, address ranges and Calico, with the topology drawing that follows them. */
public final class NetworkPage implements Page {
    private final NetworkModel model;
    private final UiText text;
    private final FieldDecorations decorations;
    private final Region root;

    public NetworkPage(NetworkModel model, UiText text, FieldDecorations decorations) {
        this.model = model;
        this.text = text;
        this.decorations = decorations;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    private Region build() {
        PlanDraft d = model.draft();
        FormGrid form = new FormGrid(text, decorations);

        form.section("ui.network.section.endpoint");
        form.field("ui.network.endpointHost", field(d.endpointHostProperty(), "network-endpoint-host"),
                "cluster.endpoint.host", "ui.network.endpointHost.help");
        form.field("ui.network.vip", field(d.vipProperty(), "network-vip"), "cluster.endpoint.vip",
                "ui.network.vip.help");
        form.field("ui.network.port", field(d.endpointPortProperty(), "network-port"), "cluster.endpoint.port",
                "ui.network.port.help");

        form.section("ui.network.section.lb");
        ToggleGroup modes = new ToggleGroup();
        RadioButton external = new RadioButton();
        external.textProperty().bind(text.bind("ui.network.mode.external"));
        external.setToggleGroup(modes);
        external.setUserData(LbMode.EXTERNAL);
        external.setId("network-mode-external");
        RadioButton keepalived = new RadioButton();
        keepalived.textProperty().bind(text.bind("ui.network.mode.keepalived"));
        keepalived.setToggleGroup(modes);
        keepalived.setUserData(LbMode.KEEPALIVED);
        keepalived.setId("network-mode-keepalived");
        modes.selectToggle(d.lbModeProperty().get() == LbMode.KEEPALIVED ? keepalived : external);
        d.lbModeProperty().addListener((o, a, mode) -> modes.selectToggle(mode == LbMode.KEEPALIVED ? keepalived
                : external));
        modes.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.setMode((LbMode) t.getUserData());
            }
        });
        VBox modeBox = new VBox(6, external, keepalived);
        form.row("ui.network.mode", modeBox, external, "ui.network.mode.help");

        TextField lbHostname = field(d.lbHostnameProperty(), "network-lb-hostname");
        TextField lbAddress = field(d.lbAddressProperty(), "network-lb-address");
        TextField iface = field(d.lbInterfaceProperty(), "network-interface");
        form.field("ui.network.lbHostname", lbHostname, "loadBalancer.host.hostname", null);
        form.field("ui.network.lbAddress", lbAddress, "loadBalancer.host.address", "ui.network.lbAddress.help");
        form.field("ui.network.interface", iface, "loadBalancer.interface", "ui.network.interface.help");
        lbHostname.disableProperty().bind(model.externalProperty().not());
        lbAddress.disableProperty().bind(model.externalProperty().not());
        iface.disableProperty().bind(model.externalProperty());

        form.section("ui.network.section.cluster");
        form.field("ui.network.clusterName", field(d.clusterNameProperty(), "network-cluster-name"), "cluster.name",
                "ui.network.clusterName.help");
        ComboBox<String> version = new ComboBox<>(FXCollections.observableArrayList(KubernetesVersions.supported()));
        version.valueProperty().bindBidirectional(d.kubernetesVersionProperty());
        version.setId("network-version");
        form.field("ui.network.version", version, "cluster.kubernetesVersion", "ui.network.version.help");
        form.field("ui.network.podSubnet", field(d.podSubnetProperty(), "network-pod-subnet"), "cluster.podSubnet",
                "ui.network.podSubnet.help");
        form.field("ui.network.serviceSubnet", field(d.serviceSubnetProperty(), "network-service-subnet"),
                "cluster.serviceSubnet", "ui.network.serviceSubnet.help");

        form.section("ui.network.section.calico");
        form.field("ui.network.calicoVersion", field(d.calicoVersionProperty(), "network-calico-version"),
                "cni.calico.version", null);
        form.field("ui.network.calicoRegistry", field(d.calicoImageRegistryProperty(), "network-calico-registry"),
                "cni.calico.imageRegistry", "ui.network.calicoRegistry.help");
        TextField manifest = field(d.calicoManifestProperty(), "network-calico-manifest");
        Button browse = new Button();
        browse.textProperty().bind(text.bind("ui.action.browse"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("calico.yaml", "*.yaml", "*.yml"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                d.calicoManifestProperty().set(f.getAbsolutePath());
            }
        });
        HBox manifestRow = new HBox(8, manifest, browse);
        HBox.setHgrow(manifest, Priority.ALWAYS);
        form.row("ui.network.calicoManifest", manifestRow, manifest, "ui.network.calicoManifest.help");
        // The manifest's violations show under its row too.
        form.wide(decorations.decorate(manifest, "cni.calico.manifest"));

        TopologyView topology = new TopologyView(model.topologyProperty(), text);
        TitledPane drawing = new TitledPane();
        drawing.textProperty().bind(text.bind("ui.network.topology"));
        drawing.setContent(topology);
        drawing.setCollapsible(false);
        drawing.getStyleClass().add(Styles.DENSE);
        drawing.setMinWidth(460);
        drawing.setPrefWidth(490);
        drawing.setMaxWidth(560);

        ProblemList problems = new ProblemList(d, text, List.of("cluster", "loadBalancer", "cni"), form::labelOf);
        // The drawing stays beside the fields it follows.
        HBox sideBySide = new HBox(24, form.node(), drawing);
        HBox.setHgrow(form.node(), Priority.ALWAYS);
        return Page.frame(text, "ui.page.network", "ui.network.intro", problems, sideBySide);
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(property);
        f.setId(id);
        return f;
    }
}
