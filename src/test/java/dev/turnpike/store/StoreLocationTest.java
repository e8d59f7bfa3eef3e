package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreLocationTest {
  @Test
  void parse_fullUri_jdbcUrlAndPropertiesWithoutPasswordInDisplay() {
    StoreLocation l =
        StoreLocation.parse("postgresql://tp:s%40cret@db.example:6432/turnpike?sslmode=require");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/turnpike");
    assertThat(l.properties().getProperty("user")).isEqualTo("tp");
    assertThat(l.properties().getProperty("password")).isEqualTo("s@cret");
    assertThat(l.properties().getProperty("sslmode")).isEqualTo("require");
    assertThat(l.toString()).isEqualTo("postgresql://tp@db.example:6432/turnpike");
  }

  @Test
  void parse_defaultPort_andPostgresScheme() {
    assertThat(StoreLocation.parse("postgres://u@h/d").jdbcUrl())
        .isEqualTo("jdbc:postgresql://h:5432/d");
  }

  @Test
  void parse_wrongScheme_namesTheExpectedFormWithoutThePassword() {
    assertThatThrownBy(() -> StoreLocation.parse("mysql://u:pw@h/d"))
        .hasMessageContaining("expected: postgresql://user[:password]@host[:port]/database")
        .hasMessageNotContaining("pw@");
  }

  @Test
  void parse_noDatabase_refused() {
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://u@h"))
        .hasMessageContaining("one database name");
  }
}
