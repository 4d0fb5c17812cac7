package dev.kubewizard.ui.harbor;

import atlantafx.base.controls.ToggleSwitch;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.FieldDecorations;
import dev.kubewizard.ui.form.FormGrid;
import dev.kubewizard.ui.form.ProblemList;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.util.List;
import dev.kubewizard.ui.form.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** The private Harbor registry: on or off, where, how, and the credentials for the pull test and pull secret. */
public final class HarborPage implements Page {
    private final HarborModel model;
    private final UiText text;
    private final FieldDecorations decorations;
    private final Region root;

    public HarborPage(HarborModel model, UiText text, FieldDecorations decorations) {
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
        ToggleSwitch enabled = new ToggleSwitch();
        enabled.setId("harbor-enabled");
        enabled.textProperty().bind(text.bind("ui.harbor.enabled"));
        enabled.setSelected(d.harborEnabledProperty().get());
        d.harborEnabledProperty().addListener((o, a, on) -> enabled.setSelected(on));
        enabled.selectedProperty().addListener((o, a, on) -> model.setEnabled(on));

        FormGrid form = new FormGrid(text, decorations);
        TextField host = field(d.harborHostProperty(), "harbor-host");
        host.setPromptText("harbor.example.com");
        form.field("ui.harbor.host", host, "harbor.host", "ui.harbor.host.help");
        ToggleGroup schemes = new ToggleGroup();
        RadioButton http = new RadioButton("http");
        RadioButton https = new RadioButton("https");
        http.setToggleGroup(schemes);
        https.setToggleGroup(schemes);
        schemes.selectToggle(d.harborHttpsProperty().get() ? https : http);
        d.harborHttpsProperty().addListener((o, a, on) -> schemes.selectToggle(on ? https : http));
        schemes.selectedToggleProperty().addListener((o, a, t) -> d.harborHttpsProperty().set(t == https));
        form.row("ui.harbor.scheme", new HBox(16, http, https), http, "ui.harbor.scheme.help");
        CheckBox skipVerify = new CheckBox();
        skipVerify.textProperty().bind(text.bind("ui.harbor.skipVerify"));
        skipVerify.selectedProperty().bindBidirectional(d.harborSkipVerifyProperty());
        skipVerify.disableProperty().bind(d.harborHttpsProperty().not());
        form.field("ui.harbor.tls", skipVerify, "harbor.skipVerify", "ui.harbor.skipVerify.help");
        form.field("ui.harbor.user", field(d.harborUserProperty(), "harbor-user"), "harbor.username", null);
        PasswordField password = new PasswordField();
        password.setId("harbor-password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        form.field("ui.harbor.password", password, null, "ui.harbor.password.help");
        Button test = new Button(null, Icons.of(MaterialDesignL.LOGIN, 16));
        test.setId("harbor-test-login");
        test.textProperty().bind(text.bind("ui.harbor.testLogin"));
        test.disableProperty().bind(model.canTestLoginProperty().not());
        test.setOnAction(e -> model.testLogin());
        Label result = new Label();
        result.setId("harbor-login-result");
        result.setWrapText(true);
        result.textProperty().bind(Bindings.createStringBinding(this::loginText, model.loginResultProperty(),
                model.testingProperty(), text.languageProperty()));
        result.graphicProperty().bind(Bindings.createObjectBinding(() -> loginIcon(model.loginResultProperty().get()),
                model.loginResultProperty()));
        HBox testRow = new HBox(12, test, result);
        testRow.setAlignment(Pos.CENTER_LEFT);
        form.row("ui.harbor.login", testRow, test, "ui.harbor.testLogin.help");
        TextField image = field(d.harborTestImageProperty(), "harbor-test-image");
        image.setPromptText("harbor.example.com/library/nginx:latest");
        form.field("ui.harbor.testImage", image, "harbor.testImage", "ui.harbor.testImage.help");
        CheckBox pullSecret = new CheckBox();
        pullSecret.textProperty().bind(text.bind("ui.harbor.pullSecret"));
        pullSecret.selectedProperty().bindBidirectional(d.harborPullSecretProperty());
        form.field("ui.harbor.pullSecretLabel", pullSecret, "harbor.pullSecret", "ui.harbor.pullSecret.help");
        form.node().disableProperty().bind(d.harborEnabledProperty().not());

        ProblemList problems = new ProblemList(d, text, List.of("harbor"), form::labelOf);
        return Page.frame(text, "ui.page.harbor", "ui.harbor.intro", enabled, problems, form.node());
    }

    private String loginText() {
        if (model.testingProperty().get()) {
            return text.get("ui.harbor.login.testing");
        }
        HarborLogin.Result r = model.loginResultProperty().get();
        if (r == null) {
            return "";
        }
        return switch (r.outcome()) {
            case LOGGED_IN -> text.get("ui.harbor.login.loggedIn");
            case WRONG_CREDENTIALS -> text.get("ui.harbor.login.wrongCredentials");
            case NOT_HARBOR -> text.get("ui.harbor.login.notHarbor", r.detail());
            case CERTIFICATE -> text.get("ui.harbor.login.certificate", r.detail());
            case UNREACHABLE -> text.get("ui.harbor.login.unreachable", r.detail());
        };
    }

    private static Node loginIcon(HarborLogin.Result r) {
        if (r == null) {
            return null;
        }
        return r.outcome() == HarborLogin.Outcome.LOGGED_IN ? Icons.of(MaterialDesignC.CHECK_CIRCLE, 16, "ok-icon")
                : Icons.of(MaterialDesignA.ALERT_CIRCLE, 16, "error-icon");
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(property);
        f.setId(id);
        return f;
    }
}
